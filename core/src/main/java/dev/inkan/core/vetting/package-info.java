/**
 * Organization vetting for OV certificates (CP 002 §3.2.2.1, §3.2.5, BR 3.2.2.1, 4.2.1): the records of an
 * application and its checks, the vetted organization the RA and the order API read, the External Account
 * Binding keys that tie ACME accounts to it, and the ports the store implements.
 */
package dev.inkan.core.vetting;

/**
 * The RA's rules, each free of storage and time sources: identifiers, contacts, profiles, challenge
 * offers, subscriber keys and CSRs, and the BR 4.2.1 domain-validation reuse schedule.
 */
package dev.inkan.ra.policy;

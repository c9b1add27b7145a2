/**
 * One class per registration-authority operation, plus the background halves (validation, issuance) and
 * what they share. Public only so that {@link dev.inkan.ra.RegistrationAuthorityImpl} can wire them; other
 * modules use the {@code RegistrationAuthority} port.
 */
package dev.inkan.ra.op;

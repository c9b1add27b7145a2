package dev.inkan.core.model;

/**
 * How far the issuance of one serial got (Boulder's ISSUANCE-CYCLE, BR 7.1.2.9). Each stage is written before
 * the step it announces, so a crash never leaves a signature the store does not know about.
 *
 * <ul>
 *   <li>TBS_RECORDED: the precertificate TBS is stored; the HSM may sign it next.</li>
 *   <li>SIGNED: the precertificate is signed and stored; it now commits the CA to the final certificate.</li>
 *   <li>FINAL_INTENDED: the SCTs and the final TBS are stored; the HSM may sign it next, once only.</li>
 *   <li>FINAL_ISSUED: the final certificate is signed and stored in the certificate store.</li>
 *   <li>ABANDONED: no final certificate was or will be signed (lint refusal, CT failure, interrupted before the
 *       final TBS was recorded). The precertificate may exist: status must be served for it.</li>
 *   <li>INTERRUPTED: a crash came after FINAL_INTENDED; the final certificate may have been signed but was never
 *       stored or delivered, and is never signed again.</li>
 * </ul>
 */
public enum PrecertificateStage {
    TBS_RECORDED, SIGNED, FINAL_INTENDED, FINAL_ISSUED, ABANDONED, INTERRUPTED
}

package dev.inkan.ca.hsm;

import dev.inkan.ca.SignatureAlgorithm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA's keys in a SoftHSM2 token through SunPKCS11. Every method here blocks on PKCS#11 or a child process:
 * call it from a worker thread ({@code vertx.executeBlocking}), never from an event loop.
 *
 * <p>Keys are generated inside the token and are sensitive and never extractable. A freshly generated key is a
 * session object; {@link #persist} makes it a token object by storing it with its certificate
 * ({@code KeyStore.setKeyEntry}), which is also what makes it visible under its alias in a later process.
 */
public final class SoftHsmToken {
    private static final Logger log = LoggerFactory.getLogger(SoftHsmToken.class);
    static final int SIGN_ATTEMPTS = 3;

    private final String label;
    private final long slotId;
    private final HsmConfig config;
    // replaced together when the PKCS#11 library had to be initialised again (relogin)
    private volatile Provider provider;
    private volatile KeyStore keyStore;
    // advanced by each recovery, so that signers that failed together recover once
    private volatile long generation;
    // shared by every call into the library, exclusive for a recovery: a key handle or session from before
    // C_Finalize and C_Initialize used after them crashed SoftHSM, and the process with it (PKCS#11 v2.40 §5.4:
    // every handle is gone after C_Finalize; what using one does is undefined)
    private final java.util.concurrent.locks.ReentrantReadWriteLock recovering =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();
    private final char[] pin;
    // Providers, key stores and keys from before a C_Initialize, kept reachable for the life of the process.
    // SunPKCS11 closes the sessions and destroys the session keys of unreachable objects by handle, from whichever
    // thread next opens a session; SoftHSM numbers handles afresh after C_Initialize, so such a late close would
    // end a live session of the new provider under a signer (a SIGSEGV in C_SignInit). Recoveries are rare.
    private static final List<Object> RETIRED = new java.util.concurrent.CopyOnWriteArrayList<>();
    // SoftHSM's static destructors, run by exit() after a C_Finalize and C_Initialize in this process, crashed it
    // about one exit in five; finalizing at shutdown leaves them nothing to tear down
    private final java.util.concurrent.atomic.AtomicBoolean finalizeAtExit =
            new java.util.concurrent.atomic.AtomicBoolean();

    private SoftHsmToken(String label, long slotId, HsmConfig config, Provider provider, KeyStore keyStore,
            char[] pin) {
        this.label = label;
        this.slotId = slotId;
        this.config = config;
        this.provider = provider;
        this.keyStore = keyStore;
        this.pin = pin;
    }

    /** {@link #open(HsmConfig)} on a worker thread. */
    public static Future<SoftHsmToken> open(Vertx vertx, HsmConfig config) {
        return vertx.executeBlocking(() -> open(config), false);
    }

    /**
     * Creates the token if no token has the label, configures SunPKCS11 on its slot and logs in. Blocks.
     *
     * @throws HsmException with a message that says what to fix (wrong PIN, SOFTHSM2_CONF, library)
     */
    public static SoftHsmToken open(HsmConfig config) {
        long slot = new SoftHsmSetup(config, System.getenv()).ensureToken();
        Provider provider = configure(config, slot);
        KeyStore ks = login(config, provider);
        log.info("logged in to HSM token '{}' (slot {})", config.tokenLabel(), slot);
        return new SoftHsmToken(config.tokenLabel(), slot, config, provider, ks, config.userPin().toCharArray());
    }

    private static Provider configure(HsmConfig config, long slot) {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new HsmException("this JVM has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        // Generated private keys: sensitive and never extractable from the start (PKCS#11 CKA_SENSITIVE,
        // CKA_EXTRACTABLE); setKeyEntry later copies them to token objects with those attributes kept.
        String conf = "--name=Inkan-" + config.tokenLabel().replaceAll("[^A-Za-z0-9]", "-") + "\n"
                + "library=" + config.library() + "\n"
                + "slot=" + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
        try {
            return base.configure(conf);
        } catch (ProviderException | IllegalArgumentException e) {
            throw new HsmException("cannot use PKCS#11 library " + config.library() + " on slot " + slot
                    + " of token '" + config.tokenLabel() + "' (a token created after this process first loaded "
                    + "the library stays invisible to it: restart the process): " + rootMessage(e), e);
        }
    }

    private static KeyStore login(HsmConfig config, Provider provider) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, config.userPin().toCharArray());
            return ks;
        } catch (IOException e) {
            if (causedBy(e, UnrecoverableKeyException.class) || rootMessage(e).contains("CKR_PIN")) {
                throw new HsmException("HSM login to token '" + config.tokenLabel() + "' failed: wrong PIN?", e);
            }
            throw new HsmException("HSM login to token '" + config.tokenLabel() + "' failed: " + rootMessage(e), e);
        } catch (GeneralSecurityException e) {
            throw new HsmException("HSM login to token '" + config.tokenLabel() + "' failed: " + rootMessage(e), e);
        }
    }

    public String label() {
        return label;
    }

    public long slotId() {
        return slotId;
    }

    /** The SunPKCS11 provider bound to this token, for callers that need JCA objects on it. */
    public Provider provider() {
        return provider;
    }

    /** Aliases of the key entries (key plus certificate) in the token. */
    public List<String> aliases() {
        return whileNotRecovering(() -> {
            try {
                return Collections.list(keyStore.aliases()).stream().filter(this::isKeyEntry).sorted().toList();
            } catch (GeneralSecurityException e) {
                throw failure("list the keys", e);
            }
        });
    }

    /** True when the token holds a private key under this alias with its certificate. */
    public boolean hasKey(String alias) {
        return whileNotRecovering(() -> isKeyEntry(alias) && certificate(alias).isPresent());
    }

    private boolean isKeyEntry(String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            throw failure("look up key '" + alias + "'", e);
        }
    }

    /** The certificate stored with the key under this alias. */
    public Optional<X509CertificateHolder> certificate(String alias) {
        return whileNotRecovering(() -> {
            try {
                Certificate c = keyStore.getCertificate(alias);
                return c == null ? Optional.empty() : Optional.of(new X509CertificateHolder(c.getEncoded()));
            } catch (GeneralSecurityException | IOException e) {
                throw failure("read the certificate of '" + alias + "'", e);
            }
        });
    }

    /** A call into the PKCS#11 library, never while a recovery finalizes and initialises it again. */
    private <T> T whileNotRecovering(java.util.function.Supplier<T> call) {
        recovering.readLock().lock();
        try {
            return call.get();
        } finally {
            recovering.readLock().unlock();
        }
    }

    /** A new key pair inside the token, a session object until {@link #persist} stores it. */
    public KeyPair generateKeyPair(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator g;
            if (algorithm == KeyAlgorithm.RSA_2048) {
                g = KeyPairGenerator.getInstance("RSA", provider);
                g.initialize(2048);
            } else {
                g = KeyPairGenerator.getInstance("EC", provider);
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw failure("generate a " + algorithm + " key", e);
        }
    }

    /**
     * Stores a generated key as a persistent token object with its certificate. Refuses to touch an alias that
     * exists: a CA key is never replaced.
     */
    public void persist(String alias, PrivateKey key, X509CertificateHolder certificate) {
        if (isKeyEntry(alias)) {
            throw new HsmException("token '" + label + "' already holds key '" + alias + "'; it is never replaced");
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
            keyStore.setKeyEntry(alias, key, null, new Certificate[] {cert});
            keys.remove(alias);
        } catch (GeneralSecurityException | IOException e) {
            throw failure("store key '" + alias + "'", e);
        }
    }

    /**
     * Signs with the key stored under this alias. When the token has dropped the session (logged out, the session or
     * key handles invalidated), it logs in again, finds the key again and signs once more, so a lost session does
     * not need a restart. A signer recovers up to {@link #SIGN_ATTEMPTS} times before it reports the failure, as
     * signers that failed together may fail again on the first signature after another's recovery.
     */
    public byte[] sign(String alias, byte[] data) {
        for (int attempt = 1; ; attempt++) {
            RuntimeException failed;
            // the key and the signature under one hold: a key found before a recovery is never used after it
            recovering.readLock().lock();
            long seen = generation;
            try {
                return sign(privateKey(alias), data);
            } catch (HsmException | ProviderException e) {
                failed = e;
            } finally {
                recovering.readLock().unlock();
            }
            if (attempt == SIGN_ATTEMPTS) {
                throw failed;
            }
            log.warn("HSM token '{}': signing with '{}' failed ({}); logging in again", label, alias,
                    rootMessage(failed));
            relogin(seen);
        }
    }

    /** Reads the token's objects again, so keys and certificates another process stored since login are seen. */
    public void reload() {
        relogin(generation);
    }

    /**
     * Logs out (if still in) and in again, and forgets the key handles of the old session. When that fails too, the
     * PKCS#11 library itself was finalized or lost its state (another user of it in this process, a token daemon
     * restarted): it is initialised again and a fresh provider logs in (PKCS#11 v2.40 §5.4: after C_Finalize every
     * session and handle is gone; C_Initialize starts over). Does nothing when another signer recovered since
     * {@code seen}.
     */
    private void relogin(long seen) {
        recovering.writeLock().lock();
        try {
            reloginExclusively(seen);
        } finally {
            recovering.writeLock().unlock();
        }
    }

    private void reloginExclusively(long seen) {
        if (generation != seen) {
            return;
        }
        List<PrivateKey> oldKeys = List.copyOf(keys.values());
        keys.clear();
        try {
            ((java.security.AuthProvider) provider).logout();
        } catch (javax.security.auth.login.LoginException | ProviderException e) {
            // not logged in any more: the login below is what matters
        }
        try {
            keyStore.load(null, pin);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            log.warn("HSM token '{}': logging in again failed ({}); initialising the PKCS#11 library again", label,
                    rootMessage(e));
            RETIRED.add(List.of(provider, keyStore, oldKeys));
            TokenLibrary.reinitialize(provider);
            Provider fresh = configure(config, slotId);
            keyStore = login(config, fresh);
            provider = fresh;
            log.info("HSM token '{}': library initialised again, logged in (slot {})", label, slotId);
            if (finalizeAtExit.compareAndSet(false, true)) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::finalizeLibraryAtExit, "inkan-hsm-finalize"));
            }
        } finally {
            generation++;
        }
    }

    /**
     * C_Finalize at shutdown, once no call is in the library. The recovery lock is never released: a signer still
     * running waits until the process has ended rather than call into a finalized library.
     */
    private void finalizeLibraryAtExit() {
        try {
            if (recovering.writeLock().tryLock(5, java.util.concurrent.TimeUnit.SECONDS)) {
                TokenLibrary.finalizeLibrary(provider);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (HsmException e) {
            log.warn("HSM token '{}': finalizing the PKCS#11 library at exit failed: {}", label, e.getMessage());
        }
    }

    /** Signs with a token key held by the caller, e.g. a new root key signing its own certificate. */
    public byte[] sign(PrivateKey key, byte[] data) {
        recovering.readLock().lock();
        try {
            Signature s = Signature.getInstance(SignatureAlgorithm.forKey(key).jcaName(), provider);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw failure("sign", e);
        } finally {
            recovering.readLock().unlock();
        }
    }

    /** How the key under this alias signs. */
    public SignatureAlgorithm signatureAlgorithm(String alias) {
        return SignatureAlgorithm.forKey(privateKey(alias));
    }

    private PrivateKey privateKey(String alias) {
        recovering.readLock().lock();
        try {
            return keys.computeIfAbsent(alias, a -> {
                try {
                    if (keyStore.getKey(a, null) instanceof PrivateKey k) {
                        return k;
                    }
                    throw new HsmException("token '" + label + "' has no private key '" + a + "'");
                } catch (GeneralSecurityException e) {
                    throw failure("load key '" + a + "'", e);
                }
            });
        } finally {
            recovering.readLock().unlock();
        }
    }

    private HsmException failure(String what, Exception e) {
        return new HsmException("HSM token '" + label + "': cannot " + what + ": " + rootMessage(e), e);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}

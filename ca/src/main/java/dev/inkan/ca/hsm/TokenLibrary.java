package dev.inkan.ca.hsm;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.Provider;

/**
 * The PKCS#11 library under a SunPKCS11 provider, finalized and initialised again. SunPKCS11 keeps one library
 * handle per module path for the life of the JVM and never calls {@code C_Initialize} on it again, so after a
 * {@code C_Finalize} (or a library that lost its state) every provider on it fails with
 * {@code CKR_CRYPTOKI_NOT_INITIALIZED} until the process restarts. This reaches the library handle through the JDK's
 * PKCS#11 wrapper, which needs the JVM started with
 * {@code --add-opens jdk.crypto.cryptoki/sun.security.pkcs11=ALL-UNNAMED} and
 * {@code --add-opens jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED} (the runnable jar's manifest says
 * so). Without them recovery fails with a message saying a restart is needed.
 */
final class TokenLibrary {
    static final String OPENS = "--add-opens jdk.crypto.cryptoki/sun.security.pkcs11=ALL-UNNAMED"
            + " --add-opens jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.PKCS11";
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191L;
    private static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190L;

    private TokenLibrary() {}

    /** C_Finalize (when still initialised) then C_Initialize on the provider's library. */
    static void reinitialize(Provider provider) {
        call(provider, "C_Finalize", CKR_CRYPTOKI_NOT_INITIALIZED);
        call(provider, "C_Initialize", CKR_CRYPTOKI_ALREADY_INITIALIZED);
    }

    /** C_Finalize on the provider's library: every session of every provider on it ends. */
    static void finalizeLibrary(Provider provider) {
        call(provider, "C_Finalize", CKR_CRYPTOKI_NOT_INITIALIZED);
    }

    private static void call(Provider provider, String function, long harmless) {
        try {
            Field field = provider.getClass().getDeclaredField("p11");
            field.setAccessible(true);
            Object library = field.get(provider);
            Method m = Class.forName(WRAPPER).getDeclaredMethod(function, Object.class);
            m.setAccessible(true);
            m.invoke(library, (Object) null);
        } catch (InvocationTargetException e) {
            if (errorCode(e.getCause()) != harmless) {
                throw new HsmException("PKCS#11 " + function + " failed: " + e.getCause(), e.getCause());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new HsmException("cannot reach the PKCS#11 library to call " + function + " (start the JVM with "
                    + OPENS + ", or restart the process): " + e, e);
        }
    }

    private static long errorCode(Throwable pkcs11Exception) {
        try {
            return (long) pkcs11Exception.getClass().getMethod("getErrorCode").invoke(pkcs11Exception);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}

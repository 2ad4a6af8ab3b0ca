package io.balance.operator.webhook;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A key manager whose certificate can be swapped while the server runs: every new TLS handshake
 * reads the current one, connections already open keep theirs. No restart on rotation.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private final AtomicReference<X509ExtendedKeyManager> current = new AtomicReference<>();

    ReloadingKeyManager(WebhookTls tls) {
        load(tls);
    }

    void load(WebhookTls tls) {
        current.set(keyManagerFor(tls));
    }

    private static X509ExtendedKeyManager keyManagerFor(WebhookTls tls) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("webhook", tls.servingKey(), password, new X509Certificate[] {tls.serving()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (var manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("no X509 key manager");
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the webhook certificate", e);
        }
    }

    private X509KeyManager km() {
        return current.get();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return km().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return km().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return km().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return km().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.get().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return km().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return km().getPrivateKey(alias);
    }
}

package io.balance.operator.webhook;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook's TLS material as PEM, in the shape of its Secret: {@code tls.crt}/{@code tls.key}
 * (the serving certificate), {@code ca.key} (the current CA's key) and {@code ca.crt} (the CA
 * bundle: the current CA first, then the previous one while it is still valid, so API servers
 * holding either trust the webhook during a rotation).
 */
public record WebhookTls(String caBundle, String caKey, String tlsCert, String tlsKey) {
    public static final String CA_CRT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";

    /** A fresh CA and a serving certificate for {@code names}, valid for {@code validity}. */
    public static WebhookTls issue(ServingNames names, Instant now, Duration validity) {
        return issue(names, now, validity, List.of());
    }

    /**
     * New CA and serving certificate; the bundle keeps this material's CA (until it expires), so a
     * caller that trusts the old one keeps working until it has the new bundle.
     */
    public WebhookTls rotate(ServingNames names, Instant now, Duration validity) {
        List<X509Certificate> keep = new ArrayList<>();
        X509Certificate current = currentCa();
        if (current.getNotAfter().toInstant().isAfter(now)) {
            keep.add(current);
        }
        return issue(names, now, validity, keep);
    }

    private static WebhookTls issue(ServingNames names, Instant now, Duration validity, List<X509Certificate> previous) {
        Certificates.Issued ca = Certificates.newCa("balance-operator-webhook-ca", now, validity);
        Certificates.Issued serving = Certificates.newServing(ca, names.dnsNames(), names.ipAddresses(), now, validity);
        StringBuilder bundle = new StringBuilder(Certificates.pem(ca.certificate()));
        previous.forEach(c -> bundle.append(Certificates.pem(c)));
        return new WebhookTls(bundle.toString(), Certificates.pem(ca.key()), Certificates.pem(serving.certificate()),
                Certificates.pem(serving.key()));
    }

    /** From a Secret's decoded data; {@code ca.key} may be missing (cert-manager's Secrets hold no CA key). */
    public static WebhookTls fromSecretData(Map<String, String> decoded) {
        for (String key : List.of(CA_CRT, TLS_CRT, TLS_KEY)) {
            if (decoded.get(key) == null || decoded.get(key).isBlank()) {
                throw new IllegalArgumentException("the webhook Secret has no " + key);
            }
        }
        return new WebhookTls(decoded.get(CA_CRT), decoded.get(CA_KEY), decoded.get(TLS_CRT), decoded.get(TLS_KEY));
    }

    public Map<String, String> toSecretData() {
        return caKey == null ? Map.of(CA_CRT, caBundle, TLS_CRT, tlsCert, TLS_KEY, tlsKey)
                : Map.of(CA_CRT, caBundle, CA_KEY, caKey, TLS_CRT, tlsCert, TLS_KEY, tlsKey);
    }

    public X509Certificate serving() {
        return Certificates.certificates(tlsCert).get(0);
    }

    public PrivateKey servingKey() {
        return Certificates.privateKey(tlsKey);
    }

    public X509Certificate currentCa() {
        return Certificates.certificates(caBundle).get(0);
    }

    public List<X509Certificate> trusted() {
        return Certificates.certificates(caBundle);
    }

    /**
     * Renew well before expiry: when less than a third of the serving certificate's (or the CA's)
     * lifetime is left, or when it does not cover the names the webhook is reached by.
     */
    public boolean needsRenewal(ServingNames names, Instant now) {
        return nearExpiry(serving(), now) || nearExpiry(currentCa(), now) || !covers(names);
    }

    private static boolean nearExpiry(X509Certificate certificate, Instant now) {
        Instant from = certificate.getNotBefore().toInstant();
        Instant to = certificate.getNotAfter().toInstant();
        Duration third = Duration.between(from, to).dividedBy(3);
        return !now.isBefore(to.minus(third));
    }

    private boolean covers(ServingNames names) {
        Set<String> present = new HashSet<>();
        try {
            var sans = serving().getSubjectAlternativeNames();
            if (sans != null) {
                sans.forEach(san -> present.add(String.valueOf(san.get(1))));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        return present.containsAll(names.dnsNames()) && present.containsAll(names.ipAddresses());
    }
}

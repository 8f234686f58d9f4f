package dev.kakapo.ddns.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates and keys in PEM, as Kea's TLS keys name them, read with the JDK alone: X.509
 * certificates through CertificateFactory, an unencrypted PKCS#8 private key ("BEGIN PRIVATE
 * KEY", RSA, EC or Ed25519) through KeyFactory. The control API's HTTPS and the gRPC channel to
 * the ddns-workers both read their files here; it lives in the ddns-worker module, the one module
 * both the server nodes and the workers have.
 */
public final class PemFiles {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in order; or in every file of {@code file} when it is a directory. */
    public static List<Certificate> certificates(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            List<Certificate> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(file)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    all.addAll(certificates(f));
                }
            }
            if (all.isEmpty()) {
                throw new IOException("no certificate in the folder " + file);
            }
            return all;
        }
        try {
            List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
            if (out.isEmpty()) {
                throw new IOException("no certificate in " + file + " (expected \"-----BEGIN CERTIFICATE-----\")");
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException("cannot read the certificates of " + file + ": " + e.getMessage(), e);
        }
    }

    /** The PKCS#8 private key of {@code file}. */
    public static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new IOException("no PKCS#8 private key in " + file + " (expected \"" + KEY_BEGIN + "\"; convert others with"
                    + " 'openssl pkcs8 -topk8 -nocrypt')");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException("the private key of " + file + " is not base64: " + e.getMessage(), e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new IOException("the private key of " + file + " is none of RSA, EC or Ed25519");
    }

    /**
     * Whether {@code key} is the private key of {@code certificate}: something signed with the
     * key verifies with the certificate's public key.
     */
    public static boolean keyMatches(PrivateKey key, Certificate certificate) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IOException("a " + key.getAlgorithm() + " key cannot be checked against its certificate");
        };
        byte[] probe = "kakapo key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException otherKind) {
            return false; // e.g. an EC key against an RSA certificate
        }
    }

    /** Key managers presenting the certificate chain of {@code certFile} with the private key of {@code keyFile}. */
    public static KeyManagerFactory keyManagers(Path certFile, Path keyFile) throws IOException {
        try {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("own", privateKey(keyFile), new char[0], certificates(certFile).toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, new char[0]);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + certFile + " with " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Trust managers accepting certificates that chain to those of {@code trustAnchor} (and to nothing else). */
    public static TrustManagerFactory trustManagers(Path trustAnchor) throws IOException {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (Certificate c : certificates(trustAnchor)) {
                anchors.setCertificateEntry("anchor-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            return trust;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the certificates of " + trustAnchor + ": " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context presenting {@code certFile} with {@code keyFile} (when given) and trusting the
     * certificates of {@code trustAnchor} (when given).
     */
    public static SSLContext context(Path certFile, Path keyFile, Path trustAnchor) throws IOException {
        KeyManagerFactory keys = certFile == null ? null : keyManagers(certFile, keyFile);
        TrustManagerFactory trust = trustAnchor == null ? null : trustManagers(trustAnchor);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }
}

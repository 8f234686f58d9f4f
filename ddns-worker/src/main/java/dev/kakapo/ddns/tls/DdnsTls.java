package dev.kakapo.ddns.tls;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code Kakapo.ddns-tls}: TLS on the gRPC channel from the DHCP servers to the ddns-workers, with
 * Kea's four TLS keys. One shape serves both ends:
 *
 * <ul>
 *   <li>a DHCP server verifies each worker's certificate against {@code trustAnchor} and the host
 *       name of its {@code Kakapo.ddns-workers} entry, and presents {@code certFile}/{@code keyFile}
 *       as its client certificate when they are given (mutual TLS);</li>
 *   <li>a ddns-worker serves with {@code certFile}/{@code keyFile}, and with {@code certRequired}
 *       refuses a client without a certificate chaining to {@code trustAnchor}.</li>
 * </ul>
 *
 * TLS is the JDK's own (no native library is loaded): the keys the control API reads work here too.
 *
 * @param trustAnchor  the authorities' PEM certificates (a file or a folder); null on a worker that
 *                     does not check clients
 * @param certFile     this end's PEM certificate chain; null on a DHCP server without a client certificate
 * @param keyFile      the private key of {@code certFile}, unencrypted PKCS#8 PEM; null with it
 * @param certRequired the worker refuses clients without a certificate (Kea's default, true); not
 *                     used by a DHCP server
 */
public record DdnsTls(Path trustAnchor, Path certFile, Path keyFile, boolean certRequired) {

    public DdnsTls {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("cert-file and key-file come together");
        }
    }

    /**
     * The DHCP server's end: a channel trusting {@code trustAnchor} alone, and presenting the
     * client certificate when there is one. The peer's host name is checked against the channel's
     * authority.
     */
    public ChannelCredentials senderCredentials() throws IOException {
        if (trustAnchor == null) {
            throw new IllegalStateException("a DHCP server needs trust-anchor to verify the ddns-workers");
        }
        SslContextBuilder tls = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(PemFiles.trustManagers(trustAnchor));
        if (certFile != null) {
            tls.keyManager(PemFiles.keyManagers(certFile, keyFile));
        }
        return NettySslContextChannelCredentials.create(tls.build());
    }

    /**
     * The worker's end: its certificate, and with {@code certRequired} a client certificate from
     * {@code trustAnchor} demanded in the handshake (without it, one a client offers is still checked).
     */
    public ServerCredentials workerCredentials() throws IOException {
        if (certFile == null) {
            throw new IllegalStateException("a ddns-worker needs cert-file and key-file to serve TLS");
        }
        SslContextBuilder tls = GrpcSslContexts.configure(SslContextBuilder.forServer(PemFiles.keyManagers(certFile, keyFile)),
                SslProvider.JDK);
        if (trustAnchor != null) {
            tls.trustManager(PemFiles.trustManagers(trustAnchor)).clientAuth(certRequired ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        } else if (certRequired) {
            throw new IllegalStateException("cert-required needs trust-anchor to check client certificates against");
        }
        return NettySslContextServerCredentials.create(tls.build());
    }

}

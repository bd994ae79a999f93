package io.yima.opcua;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's application instance certificate: generated once (RSA 2048, self-signed, ten years) into
 * {@code PKI/own/server.der} with its key in {@code PKI/own/server.key} (owner-only), and reused on every start so
 * clients that trusted it keep trusting it. The key is never logged; the certificate's SHA-1 thumbprint is, so a
 * technician can compare it with what UaExpert shows.
 */
record ServerCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri) {
    private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);

    static ServerCertificate loadOrCreate(Path pkiDir, String hostname) {
        Path own = pkiDir.resolve("own");
        Path certFile = own.resolve("server.der");
        Path keyFile = own.resolve("server.key");
        try {
            Files.createDirectories(own);
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return load(certFile, keyFile);
            }
            ServerCertificate created = create(hostname);
            writeOwnerOnly(keyFile, created.keyPair.getPrivate().getEncoded());
            Files.write(certFile, created.certificate.getEncoded());
            log.info("OPC UA: generated the server certificate {} (SHA-1 thumbprint {})", certFile,
                    thumbprint(created.certificate));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("OPC UA: cannot write the server certificate under " + own
                    + " (check the folder's owner and permissions)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("OPC UA: the server certificate in " + own + " cannot be read ("
                    + e.getMessage() + "); move the folder away to generate a new one", e);
        }
    }

    private static ServerCertificate load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile)));
        String uri = CertificateUtil.getSanUri(cert).orElseThrow(() -> new GeneralSecurityException(
                "the certificate names no application URI"));
        log.info("OPC UA: server certificate {} (SHA-1 thumbprint {})", certFile, thumbprint(cert));
        return new ServerCertificate(new KeyPair(cert.getPublicKey(), key), cert, uri);
    }

    private static ServerCertificate create(String hostname) throws GeneralSecurityException {
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String uri = "urn:yima:edge:" + hostname;
        SelfSignedCertificateBuilder b = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("Yima Edge OPC UA server")
                .setOrganization("Yima")
                .setApplicationUri(uri)
                .setValidityPeriod(java.time.Period.ofYears(10))
                .addDnsName(hostname);
        if (hostname.matches("[0-9.]+")) {
            b.addIpAddress(hostname);
        }
        try {
            String local = InetAddress.getLocalHost().getHostName();
            if (!local.equalsIgnoreCase(hostname)) {
                b.addDnsName(local);
            }
        } catch (UnknownHostException e) {
            // the configured name is enough
        }
        try {
            return new ServerCertificate(keyPair, b.build(), uri);
        } catch (Exception e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // a half-written pair from an interrupted start: overwrite it
        }
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String thumbprint(X509Certificate cert) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
            return java.util.HexFormat.of().formatHex(d);
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }
}

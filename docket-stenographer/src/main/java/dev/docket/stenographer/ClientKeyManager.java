package dev.docket.stenographer;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Presents Docket's one client certificate and key, held as they were read from the PEM files.
 *
 * <p>Why not a PKCS12 {@code KeyStore} and {@code KeyManagerFactory}: PKCS12 encrypts a key as it is
 * stored and decrypts it when the factory reads it, each time with 10,000 rounds of PBKDF2 — in a
 * JVM that has just started, that is interpreted code and then a C2 compilation, about a second of
 * CPU before the first byte is asked for, to protect a key that never leaves memory.
 *
 * <p>It chooses the way the JDK's default ({@code SunX509}) key manager does: the certificate is
 * offered when the key's algorithm is one the sensor asks for and, when the sensor names the CAs it
 * trusts, one of the chain's certificates was issued by one of them. Otherwise no certificate is
 * sent, and the sensor's refusal is diagnosed as before.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "client";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  ClientKeyManager(PrivateKey key, List<X509Certificate> chain) {
    this.key = key;
    this.chain = chain.toArray(new X509Certificate[0]);
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return choose(keyTypes, issuers);
  }

  @Override
  public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return choose(keyTypes, issuers);
  }

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    String alias = choose(new String[] {keyType}, issuers);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  /** Docket is only ever the client. */
  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return null;
  }

  private @Nullable String choose(String @Nullable [] keyTypes, Principal @Nullable [] issuers) {
    if (keyTypes == null || chain.length == 0) {
      return null;
    }
    for (String keyType : keyTypes) {
      if (keyType != null && matchesKeyType(keyType) && issuedByOneOf(issuers)) {
        return ALIAS;
      }
    }
    return null;
  }

  /** {@code "EC"}, or as SunX509 also accepts, {@code "EC_RSA"}: an EC key in a certificate an RSA key signed. */
  private boolean matchesKeyType(String keyType) {
    int underscore = keyType.indexOf('_');
    String keyAlgorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
    if (!keyAlgorithm.equals(key.getAlgorithm())) {
      return false;
    }
    if (underscore < 0) {
      return true;
    }
    String signer = keyType.substring(underscore + 1);
    return chain[0].getSigAlgName().toUpperCase(java.util.Locale.ROOT).contains("WITH" + signer);
  }

  private boolean issuedByOneOf(Principal @Nullable [] issuers) {
    if (issuers == null || issuers.length == 0) {
      return true;
    }
    Set<Principal> accepted = new HashSet<>(Arrays.asList(issuers));
    for (X509Certificate certificate : chain) {
      if (accepted.contains(certificate.getIssuerX500Principal())) {
        return true;
      }
    }
    return false;
  }
}

package dev.docket.synthetic;

import com.google.common.collect.ImmutableList;
import java.util.SplittableRandom;

/** The names clients look up and connect to: reserved example domains only (RFC 2606, RFC 6761). */
final class DomainNames {
  private static final ImmutableList<String> NAMES =
      ImmutableList.of(
          "www.example.com",
          "api.example.com",
          "cdn.example.net",
          "static.example.net",
          "mail.example.org",
          "login.example.org",
          "updates.example.com",
          "metrics.example.com",
          "wiki.corp.example",
          "git.corp.example",
          "intranet.corp.example",
          "files.corp.example",
          "ntp.example.org",
          "auth.example.test",
          "db01.internal.example",
          "shop.example.com");

  private DomainNames() {}

  static String pick(SplittableRandom random) {
    return NAMES.get(random.nextInt(NAMES.size()));
  }
}

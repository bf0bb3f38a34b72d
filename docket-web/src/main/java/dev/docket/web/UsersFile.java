package dev.docket.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Writing the htpasswd file the server reads: what {@code docket passwd} and the first start do.
 * The file is rewritten whole beside itself and renamed into place, readable by its owner only.
 */
public final class UsersFile {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD_LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private UsersFile() {}

  /**
   * Adds {@code user} to {@code file}, or changes their password, with a bcrypt hash; creates the
   * file when there is none. Other users' lines are kept as they are.
   *
   * @throws IllegalArgumentException when the user name cannot be in an htpasswd file
   */
  public static void setPassword(Path file, String user, String password) throws IOException {
    if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("a user name must not be empty or hold ':', spaces or control characters");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("the password is empty");
    }
    List<String> lines = new ArrayList<>();
    boolean replaced = false;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(user + ":")) {
          line = user + ":" + PasswordHash.bcrypt(password);
          replaced = true;
        }
        lines.add(line);
      }
    }
    if (!replaced) {
      lines.add(user + ":" + PasswordHash.bcrypt(password));
    }
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    Files.write(partial, lines, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // A file system without POSIX permissions: the directory's own protect it.
    }
    Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Creates {@code file} with the user {@code admin} and a random password, and returns the password. */
  public static String createWithAdmin(Path file) throws IOException {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(PASSWORD_LETTERS.charAt(RANDOM.nextInt(PASSWORD_LETTERS.length())));
    }
    setPassword(file, "admin", password.toString());
    return password.toString();
  }
}

package dev.docket.config;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.docket.stenographer.StenographerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads Docket's YAML configuration:
 *
 * <pre>{@code
 * sources:
 *   - name: sensor-1
 *     type: stenographer
 *     host: 10.0.0.5
 *     port: 1234
 *     cert: /etc/stenographer/certs/client_cert.pem
 *     key: /etc/stenographer/certs/client_key.pem
 *     ca: /etc/stenographer/certs/ca_cert.pem
 *     verify-hostname: true      # default; false for stenokeys certificates (no subjectAltName)
 *     connect-timeout: 10s       # default
 *     idle-timeout: 2m           # default
 *     time-padding: 1m           # default
 *   - name: archive
 *     type: local
 *     path: /srv/pcap
 *     state-dir: /var/lib/docket/archive   # optional
 * }</pre>
 *
 * Relative paths are relative to the configuration file's directory, so a file and its certificates
 * can move together. Durations are a number and a unit: {@code ms}, {@code s}, {@code m}, {@code h}.
 * Unknown keys are errors (a misspelt {@code verify-hostnme} must not silently verify).
 */
public final class ConfigFile {
  private static final Set<String> TOP_LEVEL = ImmutableSet.of("sources", "server");
  private static final Set<String> SERVER_KEYS =
      ImmutableSet.of("host", "port", "base-path", "users", "admins", "spool", "tls", "allow-plain-http", "audit-log", "max-packets", "max-bytes", "expiry", "trusted-origins");
  private static final Set<String> STENOGRAPHER_KEYS =
      ImmutableSet.of("name", "type", "host", "port", "cert", "key", "ca", "verify-hostname", "connect-timeout", "idle-timeout", "time-padding");
  private static final Set<String> LOCAL_KEYS = ImmutableSet.of("name", "type", "path", "state-dir");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private ConfigFile() {}

  /** Reads and validates {@code file}. */
  public static DocketConfig read(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new ConfigException(file + ": no such file; give the path of Docket's YAML configuration (docket.example.yml shows one)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the configuration file (" + e.getMessage() + ")");
    }
    return parse(file, text);
  }

  /** Validates {@code text} as if read from {@code file} (which relative paths are resolved against). */
  public static DocketConfig parse(Path file, String text) throws ConfigException {
    Object document;
    YamlLines lines;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false).build();
      Optional<Node> composed = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode();
      document = composed.isEmpty() ? null : new StandardConstructor(settings).constructSingleDocument(composed);
      lines = document == null ? YamlLines.NONE : YamlLines.of(composed.get(), document);
    } catch (YamlEngineException e) {
      // The problem's own words, without the excerpt and caret snakeyaml draws under them.
      String problem = e instanceof MarkedYamlEngineException marked ? marked.getProblem() : e.getMessage();
      Optional<Mark> mark = e instanceof MarkedYamlEngineException marked ? marked.getProblemMark().or(marked::getContextMark) : Optional.empty();
      throw new ConfigException(file + ": " + mark.map(at -> "line " + YamlLines.line(at) + ": ").orElse("")
          + "not valid YAML: " + String.join(" ", String.valueOf(problem).strip().split("\\s*\\n\\s*")));
    }
    if (!(document instanceof Map<?, ?> top)) {
      throw new ConfigException(file + ": line 1: expected a 'sources:' list at the top of the file");
    }
    for (Object key : top.keySet()) {
      if (!TOP_LEVEL.contains(String.valueOf(key))) {
        throw new ConfigException(file + ": line " + lines.ofKey(top, String.valueOf(key)).orElse(1)
            + ": unknown top-level key '" + key + "'; the file has 'sources:' and 'server:'");
      }
    }
    Path base = file.toAbsolutePath().getParent();
    ServerConfig server = ServerConfig.NONE;
    if (top.containsKey("server")) {
      server = new Entry(file, base, lines, "server", top.get("server"), lines.ofKey(top, "server")).server();
    }
    // A file may be only a server's settings, its sources given with --store.
    Object listed = top.containsKey("sources") || server == ServerConfig.NONE ? top.get("sources") : List.of();
    if (!(listed instanceof List<?> entries) || (entries.isEmpty() && server == ServerConfig.NONE)) {
      throw new ConfigException(file + ": line " + lines.ofKey(top, "sources").orElse(1)
          + ": 'sources:' must be a list of at least one source (each with name and type)");
    }
    ImmutableList.Builder<SourceConfig> sources = ImmutableList.builder();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = new Entry(file, base, lines, i, entries.get(i), lines.of(entries));
      SourceConfig source = entry.source();
      if (!names.add(source.name())) {
        throw entry.error("name", "another source is already named '" + source.name() + "'; give each source its own name");
      }
      sources.add(source);
    }
    return new DocketConfig(file, sources.build(), server);
  }

  /** One entry of {@code sources:}, read with errors that say where it is. */
  private static final class Entry {
    private final Path file;
    private final Path base;
    private final YamlLines lines;
    private final int index;
    private final Map<?, ?> values;
    /** Where the entry starts, for mistakes no key of it can be blamed for. */
    private final OptionalInt line;
    private String label;

    /**
     * @param around where the enclosing list starts, for an entry that is not a map
     */
    Entry(Path file, Path base, YamlLines lines, int index, Object entry, OptionalInt around) throws ConfigException {
      this.file = file;
      this.base = base;
      this.lines = lines;
      this.index = index;
      this.label = "sources[" + (index + 1) + "]";
      this.line = entry == null ? around : lines.of(entry).isPresent() ? lines.of(entry) : around;
      this.values = entry instanceof Map<?, ?> map ? map : Map.of();
      if (!(entry instanceof Map)) {
        throw error("expected a source with name: and type:, found '" + entry + "'");
      }
    }

    /** A part of the file other than a source, such as {@code server:}, whose key is on line {@code at}. */
    Entry(Path file, Path base, YamlLines lines, String label, Object entry, OptionalInt at) throws ConfigException {
      this.file = file;
      this.base = base;
      this.lines = lines;
      this.index = -1;
      this.label = label;
      this.line = at;
      this.values = entry instanceof Map<?, ?> map ? map : Map.of();
      if (!(entry instanceof Map)) {
        throw error("expected settings such as port: 8443, found '" + entry + "'");
      }
    }

    ServerConfig server() throws ConfigException {
      allow(SERVER_KEYS);
      Optional<Path> certificate = Optional.empty();
      Optional<Path> key = Optional.empty();
      if (values.get("tls") != null) {
        Entry tls = new Entry(file, base, lines, "server.tls", values.get("tls"), lines.ofKey(values, "tls"));
        tls.allow(ImmutableSet.of("cert", "key"));
        certificate = Optional.of(tls.file("cert", "the server's certificate chain (PEM)"));
        key = Optional.of(tls.file("key", "the certificate's private key (PEM)"));
      }
      List<String> admins = new java.util.ArrayList<>();
      Object listed = values.get("admins");
      if (listed instanceof List<?> names) {
        names.forEach(name -> admins.add(String.valueOf(name).strip()));
      } else if (listed != null) {
        admins.add(string("admins", "the users who see every job"));
      }
      List<String> trustedOrigins = new java.util.ArrayList<>();
      Object origins = values.get("trusted-origins");
      if (origins instanceof List<?> listedOrigins) {
        listedOrigins.forEach(origin -> trustedOrigins.add(String.valueOf(origin).strip()));
      } else if (origins != null) {
        trustedOrigins.add(string("trusted-origins", "the origins of Docket's pages behind a proxy, such as https://docket.example.org"));
      }
      for (String origin : trustedOrigins) {
        if (!origin.matches("(?i)https?://[^/?#\\s]+/?")) {
          throw error("trusted-origins: '" + origin + "' is not an origin; give scheme://host[:port], such as https://docket.example.org");
        }
      }
      return new ServerConfig(
          optionalString("host"),
          values.get("port") == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(port()),
          optionalString("base-path"),
          optionalPath("users"),
          admins,
          optionalPath("spool"),
          certificate,
          key,
          bool("allow-plain-http", false),
          optionalPath("audit-log"),
          optionalPositive("max-packets"),
          optionalPositive("max-bytes"),
          values.get("expiry") == null ? Optional.empty() : Optional.of(duration("expiry", Duration.ZERO, false)),
          trustedOrigins);
    }

    private Optional<String> optionalString(String key) throws ConfigException {
      return values.get(key) == null ? Optional.empty() : Optional.of(string(key, "a value"));
    }

    private java.util.OptionalLong optionalPositive(String key) throws ConfigException {
      Object value = values.get(key);
      if (value == null) {
        return java.util.OptionalLong.empty();
      }
      if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
        return java.util.OptionalLong.of(((Number) value).longValue());
      }
      throw error(key, key + " must be a positive whole number, not '" + value + "'");
    }

    SourceConfig source() throws ConfigException {
      String name = string("name", "a name analysts know the source by, such as sensor-1");
      label = "sources[" + (index + 1) + "] (" + name + ")";
      String type = string("type", "stenographer or local");
      switch (type) {
        case "stenographer":
          allow(STENOGRAPHER_KEYS);
          return new StenographerSourceConfig(
              new StenographerSettings(
                  name,
                  string("host", "the sensor's IP address"),
                  port(),
                  file("cert", "Docket's client certificate (PEM)"),
                  file("key", "the client certificate's private key (PEM)"),
                  file("ca", "the sensor's CA certificate, its ca_cert.pem"),
                  bool("verify-hostname", true),
                  duration("connect-timeout", StenographerSettings.DEFAULT_CONNECT_TIMEOUT, false),
                  duration("idle-timeout", StenographerSettings.DEFAULT_IDLE_TIMEOUT, false),
                  duration("time-padding", StenographerSettings.DEFAULT_TIME_PADDING, true)));
        case "local":
          allow(LOCAL_KEYS);
          Path path = path("path", "the directory of capture files");
          if (!Files.isDirectory(path)) {
            throw error("path", "path " + path + " is not a directory; set path: to the directory of capture files");
          }
          return new LocalSourceConfig(name, path, optionalPath("state-dir"));
        default:
          throw error("type", "unknown type '" + type + "'; set type: to stenographer or local");
      }
    }

    private void allow(Set<String> keys) throws ConfigException {
      for (Object key : values.keySet()) {
        if (!keys.contains(String.valueOf(key))) {
          throw error(String.valueOf(key), "unknown key '" + key + "'" + (values.get("type") == null ? "" : " for type " + values.get("type")) + "; known keys: " + String.join(", ", keys));
        }
      }
    }

    private String string(String key, String what) throws ConfigException {
      Object value = values.get(key);
      if (value == null || String.valueOf(value).isBlank()) {
        throw error(key, "missing " + key + ": (" + what + ")");
      }
      if (value instanceof Map || value instanceof List) {
        throw error(key, key + ": must be a single value (" + what + ")");
      }
      return String.valueOf(value).strip();
    }

    private int port() throws ConfigException {
      Object value = values.get("port");
      if (value == null) {
        throw error("missing port: (the sensor's HTTPS port, Stenographer's Port setting)");
      }
      if (value instanceof Integer port && port > 0 && port < 65_536) {
        return port;
      }
      throw error("port", "port must be a number from 1 to 65535, not '" + value + "'");
    }

    private boolean bool(String key, boolean fallback) throws ConfigException {
      Object value = values.get(key);
      if (value == null) {
        return fallback;
      }
      if (value instanceof Boolean bool) {
        return bool;
      }
      throw error(key, key + " must be true or false, not '" + value + "'");
    }

    private Duration duration(String key, Duration fallback, boolean zeroAllowed) throws ConfigException {
      Object value = values.get(key);
      if (value == null) {
        return fallback;
      }
      Matcher matcher = DURATION.matcher(String.valueOf(value).strip());
      if (!matcher.matches()) {
        throw error(key, key + " must be a number and a unit (ms, s, m or h), such as 30s, not '" + value + "'");
      }
      long amount = Long.parseLong(matcher.group(1));
      Duration duration = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
      if (duration.isZero() && !zeroAllowed) {
        throw error(key, key + " must be longer than 0");
      }
      return duration;
    }

    private Path path(String key, String what) throws ConfigException {
      return base.resolve(string(key, what)).normalize();
    }

    private Optional<Path> optionalPath(String key) throws ConfigException {
      return values.get(key) == null ? Optional.empty() : Optional.of(path(key, "a directory"));
    }

    private Path file(String key, String what) throws ConfigException {
      Path path = path(key, what);
      if (!Files.isRegularFile(path)) {
        throw error(key, key + " " + path + " does not exist; set " + key + ": to " + what);
      }
      if (!Files.isReadable(path)) {
        throw error(key, key + " " + path + " is not readable by this user; fix its permissions");
      }
      return path;
    }

    /** A mistake of the entry as a whole: a key it lacks, a value of the wrong shape. */
    ConfigException error(String message) {
      return new ConfigException(file + ": " + (line.isPresent() ? "line " + line.getAsInt() + ": " : "") + label + ": " + message);
    }

    /** A mistake in the value of {@code key}, reported on that key's line. */
    ConfigException error(String key, String message) {
      OptionalInt at = lines.ofKey(values, key);
      return new ConfigException(file + ": " + (at.isPresent() ? "line " + at.getAsInt() + ": " : line.isPresent() ? "line " + line.getAsInt() + ": " : "") + label + ": " + message);
    }

    @Override
    public String toString() {
      return label;
    }
  }
}

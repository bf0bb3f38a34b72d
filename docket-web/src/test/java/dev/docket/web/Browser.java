package dev.docket.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both given by path so that Selenium
 * never looks for (or downloads) its own. Missing, the calling test skips with the reason, except
 * under {@code CI=true}, where it fails: an unrun browser test proves nothing.
 */
final class Browser implements AutoCloseable {
  static final Dimension LAPTOP = new Dimension(1366, 768);
  static final Dimension LARGE = new Dimension(2560, 1440);
  /** A zone other than UTC, and without summer time, so that the page's two zones differ all year. */
  static final String ZONE = "Asia/Tokyo";

  final ChromeDriver driver;
  final Path downloads;
  final Path screenshots;

  private Browser(ChromeDriver driver, Path downloads, Path screenshots) {
    this.driver = driver;
    this.downloads = downloads;
    this.screenshots = screenshots;
  }

  static Browser start(Path downloads) throws IOException {
    Path chromium = require(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"), "chromium");
    Path chromedriver = require(List.of("/usr/bin/chromedriver"), "chromium-driver");
    Files.createDirectories(downloads);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--metrics-recording-only", "--lang=en-US", "--window-size=1366,768");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false,
        "safebrowsing.enabled", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("TZ", ZONE))
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    Path screenshots = Path.of("target", "screenshots");
    Files.createDirectories(screenshots);
    return new Browser(driver, downloads, screenshots);
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
  }

  /** Saves the page at a laptop's size and a large monitor's, as NAME-1366x768.png and NAME-2560x1440.png. */
  void screenshots(String name) {
    for (Dimension size : List.of(LAPTOP, LARGE)) {
      driver.manage().window().setSize(size);
      // Let layout and the chart's resize observer settle at the new size.
      driver.executeScript("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
      try {
        Files.write(screenshots.resolve(name + "-" + size.width + "x" + size.height + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
    }
    driver.manage().window().setSize(LAPTOP);
  }

  /**
   * The console's errors since the last call: script errors and CSP violations among them. An
   * answer with an error status (a 400 for a bad query, which the page shows) is not one.
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(entry -> !entry.getMessage().contains("Failed to load resource: the server responded with a status of"))
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static Path require(List<String> candidates, String debianPackage) {
    Optional<Path> found = candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String reason = Stream.of(candidates.get(0)).findFirst().orElseThrow() + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + ", and CI=true requires it");
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}

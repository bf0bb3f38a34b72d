package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.filter.QueryReader;
import dev.docket.job.SharedControlledSource;
import dev.docket.query.QueryParseException;
import dev.docket.query.QueryParser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real browser (Debian's Chromium, headless) against a real server under a base
 * path over a generated store: what an analyst does, from the form to the file. One browser and one
 * server for the class; each flow leaves screenshots at a laptop's size and a large monitor's under
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserTest {
  private static final String BASE = "/app/docket/";

  private Path directory;
  private Path store;
  private ServerFixture server;
  private Browser browser;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    this.directory = directory;
    browser = Browser.start(directory.resolve("downloads"));
    store = TestStore.write(directory.resolve("store"), 7, 3, 200);
    server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings.withBasePath(BASE));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noScriptErrorsNorPolicyViolations() {
    if (browser != null) {
      assertThat(browser.consoleErrors()).as("the browser's console").isEmpty();
    }
  }

  /** Opens a page as alice; the browser keeps her credentials for the origin, as after a login prompt. */
  private void open(String path) {
    open(server, path);
  }

  private void open(ServerFixture server, String path) {
    URI uri = server.uri(path);
    browser.driver.get(uri.getScheme() + "://alice:alice-password@" + uri.getAuthority() + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  private WebElement id(String id) {
    return browser.driver.findElement(By.id(id));
  }

  private WebElement await(String id) {
    return browser.waiting().until(visibilityOfElementLocated(By.id(id)));
  }

  /** Waits until the server's parser has accepted the text and the estimate is in. */
  private void awaitValid() {
    browser.waiting().until(textToBe(By.id("query-status"), "The query is valid."));
    await("estimate-total");
  }

  private void typeQuery(String query) {
    WebElement text = id("query");
    text.clear();
    text.sendKeys(query);
  }

  /** The datetime-local pickers take no reliable typing in headless Chromium; set as a picker would, with its events. */
  private void pick(String id, LocalDateTime local) {
    browser.driver.executeScript(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        id, local.toString().length() == 16 ? local + ":00" : local.toString());
  }

  private String currentQueryParameter() {
    return currentParameter("q");
  }

  private String currentParameter(String name) {
    String query = URI.create(browser.driver.getCurrentUrl()).getRawQuery();
    return Stream.of(query == null ? new String[0] : query.split("&"))
        .filter(pair -> pair.startsWith(name + "="))
        .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
        .findFirst().orElse("");
  }

  @Test
  void aBadQueryShowsTheErrorAtItsColumnAndSubmitsNothing() throws Exception {
    open("ui/");
    String bad = "host 10.1.0.10 and port banana";
    int column = expectedColumn(bad);
    typeQuery(bad);
    WebElement mark = await("error-mark");
    assertThat(mark.getAttribute("data-column")).isEqualTo(Integer.toString(column));
    assertThat(mark.getText()).isEqualTo(bad.substring(column - 1, column));
    assertThat(id("query-status").getText()).contains("column " + column);
    assertThat(id("query").getAttribute("aria-invalid")).isEqualTo("true");
    int before = server.jobs.jobs().size();
    id("submit").click();
    Thread.sleep(300);
    assertThat(browser.driver.getCurrentUrl()).contains("/ui/").doesNotContain("job.html");
    assertThat(server.jobs.jobs()).hasSize(before);
    browser.screenshots("query-error");
  }

  @Test
  void theFormAndTheTextBoxStayInSyncAndTheUrlCarriesTheQuery() {
    open("ui/index.html");
    id("add-host").click();
    browser.driver.switchTo().activeElement().sendKeys("10.1.0.10");
    new Select(id("proto")).selectByVisibleText("udp");
    assertThat(id("query").getAttribute("value")).isEqualTo("host 10.1.0.10 and udp and after 15m ago");
    awaitValid();

    typeQuery("not dst host 10.2.0.1 and port 53 and vlan 7 and after 1h ago");
    browser.waiting().until(driver -> driver.findElements(By.cssSelector("#term-list li")).size() == 2);
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#term-list li"));
    assertThat(rows.get(0).findElement(By.cssSelector("select")).getAttribute("value")).isEqualTo("dst");
    assertThat(rows.get(0).findElement(By.cssSelector("input.term-value")).getAttribute("value")).isEqualTo("10.2.0.1");
    assertThat(rows.get(0).findElement(By.cssSelector("input[type=checkbox]")).isSelected()).isTrue();
    assertThat(rows.get(1).getAttribute("data-kind")).isEqualTo("port");
    assertThat(id("vlan").getAttribute("value")).isEqualTo("7");
    assertThat(new Select(id("relative")).getFirstSelectedOption().getAttribute("value")).isEqualTo("1h");
    awaitValid();
    assertThat(currentQueryParameter()).isEqualTo("not dst host 10.2.0.1 and port 53 and vlan 7 and after 1h ago");
    assertThat(id("bpf").getText()).contains("not ip dst host 10.2.0.1");

    // The URL alone brings the query back: a shared link, or the back button.
    browser.driver.navigate().to(browser.driver.getCurrentUrl());
    awaitValid();
    assertThat(id("query").getAttribute("value")).isEqualTo("not dst host 10.2.0.1 and port 53 and vlan 7 and after 1h ago");
    browser.screenshots("query-form-sync");
  }

  @Test
  void aRelativeQueryShowsTheWindowInUtcAndTheBrowsersZone() {
    open("ui/index.html?q=" + "udp%20and%20after%2015m%20ago");
    awaitValid();
    Instant now = Instant.now();
    String utc = id("window-utc").getText();
    String local = id("window-local").getText();
    assertThat(utc).contains(" UTC").endsWith("now");
    assertThat(id("window-zone-name").getText()).isEqualTo(Browser.ZONE);
    assertThat(local).contains("GMT+9").endsWith("now");
    String expectedLocalHour = LocalDateTime.ofInstant(now.minus(Duration.ofMinutes(15)), ZoneId.of(Browser.ZONE)).toString().substring(0, 13).replace('T', ' ');
    String expectedUtcHour = LocalDateTime.ofInstant(now.minus(Duration.ofMinutes(15)), ZoneId.of("UTC")).toString().substring(0, 13).replace('T', ' ');
    assertThat(local).startsWith(expectedLocalHour);
    assertThat(utc).startsWith(expectedUtcHour);
    assertThat(id("estimate-total").getText()).startsWith("About ");
    browser.screenshots("query-relative-window");
  }

  @Test
  void fillTheFormSubmitWatchItFinishAndGetThePcapByteIdenticalToDocketQuery() throws Exception {
    open("ui/index.html");
    id("mode-absolute").click();
    ZoneId zone = ZoneId.of(Browser.ZONE);
    pick("after", LocalDateTime.ofInstant(Instant.parse("2024-06-03T09:00:00Z"), zone));
    pick("before", LocalDateTime.ofInstant(Instant.parse("2024-06-03T09:01:00Z"), zone));
    new Select(id("proto")).selectByVisibleText("tcp");
    String query = "tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z";
    assertThat(id("query").getAttribute("value")).isEqualTo(query);
    awaitValid();
    // The window and estimate come from the answers to the last edits: wait for them, not only for "valid".
    browser.waiting().until(textToBe(By.id("window-utc"), "2024-06-03 09:00:00 UTC → 2024-06-03 09:01:00 UTC"));
    assertThat(id("window-local").getText()).startsWith("2024-06-03 18:00:00 GMT+9");
    browser.waiting().until(textToBePresentInElementLocated(By.id("estimate-total"), "over 60 s"));
    browser.screenshots("query-filled");

    long start = System.nanoTime();
    id("submit").click();
    browser.waiting().until(urlContains("job.html?id="));
    browser.waiting().until(textToBe(By.id("job-state"), "done"));
    WebElement pcap = await("get-pcap");
    assertThat(pcap.getText()).startsWith("Get PCAP (");
    String id = URI.create(browser.driver.getCurrentUrl()).getQuery().substring(3);
    pcap.click();
    Path downloaded = awaitDownload();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("submit to downloaded file: " + millis + " ms");

    Path expected = directory.resolve("expected.pcap");
    Docket.builder().source(TestStore.open("store", store)).build()
        .run(new QueryParser(Clock.systemUTC()).parse(query), CaptureSink.toFile(expected));
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(expected));
    HttpResponse<byte[]> api = server.bytes(server.request("api/v1/jobs/" + id + "/pcap", "alice").build());
    assertThat(api.body()).isEqualTo(Files.readAllBytes(downloaded));

    // The summary is drawn: the histogram's canvas has pixels, the tables have rows.
    browser.waiting().until(visibilityOfElementLocated(By.cssSelector("#chart canvas")));
    Object painted = browser.driver.executeScript(
        "const c = document.querySelector('#chart canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n;");
    assertThat(((Number) painted).longValue()).as("painted pixels of the histogram").isGreaterThan(500);
    assertThat(browser.driver.findElements(By.cssSelector("#conversations tbody tr"))).isNotEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#protocols tbody tr"))).isNotEmpty();
    assertThat(id("first-packets").getText()).isNotBlank();
    browser.screenshots("job-done");
    // At night: the browser's dark setting, the chart drawn again in its colours.
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
    browser.driver.navigate().refresh();
    browser.waiting().until(visibilityOfElementLocated(By.cssSelector("#chart canvas")));
    browser.screenshots("job-done-dark");
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));

    // A conversation opens the query page narrowed to it, in the job's window.
    WebElement conversation = browser.driver.findElement(By.cssSelector("#conversations tbody tr a"));
    String between = conversation.getText();
    conversation.click();
    browser.waiting().until(urlContains("index.html?q="));
    awaitValid();
    String narrowed = id("query").getAttribute("value");
    String[] hosts = between.split(" ↔ ");
    assertThat(narrowed).startsWith("host " + hosts[0].split(" ")[0] + " and host " + hosts[1].split(" ")[0])
        .endsWith("after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z");
    assertThat(browser.driver.findElements(By.cssSelector("#term-list li"))).hasSizeGreaterThanOrEqualTo(2);
    assertThat(id("beyond").isDisplayed()).as("the form holds the narrowed query").isFalse();
    browser.screenshots("query-narrowed");
  }

  @Test
  void aQueryAboveTheLimitAsksForConfirmationAndRunsOnlyWhenConfirmed() throws Exception {
    Path small = directory.resolve("small-limit");
    try (ServerFixture limited = ServerFixture.start(small, List.of(TestStore.open("store", store)),
        jobs -> jobs.withMaxEstimate(1024 * 1024, Duration.ofHours(1)), settings -> settings.withBasePath(BASE))) {
      open(limited, "ui/index.html?q=" + TestStore.QUERY.replace(" ", "%20"));
      awaitValid();
      assertThat(id("estimate").getText()).contains("Above the limit");
      id("submit").click();
      WebElement dialog = await("confirm-large");
      assertThat(id("confirm-text").getText()).contains("more than the 1");
      browser.screenshots("query-too-large");
      id("confirm-no").click();
      browser.waiting().until(driver -> !dialog.isDisplayed());
      assertThat(limited.jobs.jobs()).as("changing the query submits nothing").isEmpty();

      id("submit").click();
      await("confirm-large");
      id("confirm-yes").click();
      browser.waiting().until(urlContains("job.html?id="));
      browser.waiting().until(textToBe(By.id("job-state"), "done"));
      assertThat(limited.jobs.jobs()).singleElement().satisfies(job -> assertThat(job.query()).isEqualTo(TestStore.QUERY));
    }
  }

  @Test
  void theJobsPageUpdatesWithoutAReloadWhileAJobRuns() throws Exception {
    // A source that holds its answer until the test lets it go: the job is seen running for as long
    // as the test needs, on any machine, with no sleep and no store large enough to be slow.
    SharedControlledSource held = new SharedControlledSource("store", TestStore.open("store", store));
    try (ServerFixture controlled = ServerFixture.start(directory.resolve("held"), List.of(held.source()), settings -> settings.withBasePath(BASE))) {
      open(controlled, "ui/jobs.html");
      browser.waiting().until(driver -> !id("jobs-status").getText().isEmpty());
      browser.driver.executeScript("window.notReloaded = true");
      held.hold();
      String id = controlled.submit("udp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:02:00Z", "alice");
      By state = By.cssSelector("tr[data-id='" + id + "'] .state");
      browser.waiting().until(textToBe(state, "running"));
      browser.waiting().until(textToBePresentInElementLocated(By.id("jobs-status"), "updating every 2 s while one runs"));
      WebElement running = browser.driver.findElement(By.cssSelector("tr[data-id='" + id + "']"));
      assertThat(running.findElement(By.cssSelector("progress")).getAttribute("value")).isNotEqualTo("1");
      assertThat(controlled.jobs.job(id).orElseThrow().state().hasEnded()).as("the job is held, not done").isFalse();
      browser.screenshots("jobs-running");

      held.release();
      browser.waiting().until(textToBe(state, "done"));
      assertThat(browser.driver.executeScript("return window.notReloaded === true")).as("the page was not reloaded").isEqualTo(true);
      WebElement row = browser.driver.findElement(By.cssSelector("#job-rows tr"));
      assertThat(row.getAttribute("data-id")).as("newest first").isEqualTo(id);
      browser.waiting().until(driver -> "1".equals(row.findElement(By.cssSelector("progress")).getAttribute("value")));
      assertThat(row.findElement(By.linkText("Get PCAP")).getAttribute("href")).endsWith(BASE + "api/v1/jobs/" + id + "/pcap");
      browser.screenshots("jobs");

      // Delete asks once more, then the row goes.
      WebElement delete = row.findElement(By.xpath(".//button[text()='Delete']"));
      delete.click();
      assertThat(delete.getText()).isEqualTo("Really delete?");
      delete.click();
      browser.waiting().until(driver -> driver.findElements(By.cssSelector("tr[data-id='" + id + "']")).isEmpty());
      assertThat(controlled.jobs.job(id)).isEmpty();
    } finally {
      held.release();
    }
  }

  @Test
  void aTcpdumpFilterIsCheckedAsItIsTypedAndRunsWithTheQuery() throws Exception {
    String query = "tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z";
    open("ui/index.html?q=" + query.replace(" ", "%20"));
    awaitValid();
    id("advanced").findElement(By.tagName("summary")).click();
    WebElement filter = id("bpf-filter");
    filter.sendKeys("tcp[tcpflags] & & tcp-syn");
    browser.waiting().until(attributeToBe(By.id("bpf-filter"), "aria-invalid", "true"));
    assertThat(id("bpf-filter-status").getText()).startsWith("libpcap refuses the tcpdump filter: ");
    assertThat(id("query-status").getText()).contains("tcpdump filter");
    assertThat(id("query").getAttribute("aria-invalid")).as("the query itself is fine").isNull();
    int before = server.jobs.jobs().size();
    id("submit").click();
    browser.waiting().until(attributeToBe(By.id("bpf-filter"), "aria-invalid", "true"));
    assertThat(browser.driver.getCurrentUrl()).doesNotContain("job.html");
    assertThat(server.jobs.jobs()).as("a bad filter submits nothing").hasSize(before);
    browser.driver.executeScript("document.getElementById('bpf-filter').scrollIntoView({block: 'center'})");
    browser.screenshots("query-tcpdump-filter-error");

    String syn = "tcp[tcpflags] & tcp-syn != 0";
    filter.clear();
    filter.sendKeys(syn);
    browser.waiting().until(textToBe(By.id("bpf-filter-status"), "libpcap compiles the tcpdump filter."));
    awaitValid();
    String combined = query + " and bpf \"" + syn + "\"";
    browser.waiting().until(textToBe(By.id("canonical"), combined));
    assertThat(id("stenographer").getText()).doesNotContain("tcpflags").contains("relaxed");
    assertThat(currentParameter("bpf")).as("the link keeps the filter").isEqualTo(syn);
    browser.driver.executeScript("document.getElementById('bpf-filter').scrollIntoView({block: 'center'})");
    browser.screenshots("query-tcpdump-filter");

    id("submit").click();
    browser.waiting().until(urlContains("job.html?id="));
    browser.waiting().until(textToBe(By.id("job-state"), "done"));
    assertThat(id("job-query").getText()).isEqualTo(combined);
    String job = URI.create(browser.driver.getCurrentUrl()).getQuery().substring(3);
    Path expected = directory.resolve("expected-syn.pcap");
    Docket.builder().source(TestStore.open("store", store)).build()
        .run(new QueryReader(Clock.systemUTC()).read(combined), CaptureSink.toFile(expected));
    assertThat(Files.readAllBytes(server.jobs.result(job).orElseThrow())).isEqualTo(Files.readAllBytes(expected));
  }

  @Test
  void aHostilePagesFormPostIsRefusedAndSubmitsNothing() {
    // Alice's browser knows her credentials for the server; another site's page posts the original
    // Docket's form to it, as a forged request would.
    open("ui/jobs.html");
    browser.waiting().until(driver -> !id("jobs-status").getText().isEmpty());
    int before = server.jobs.jobs().size();
    String page = "<!doctype html><title>hostile</title><body onload=\"document.forms[0].submit()\">"
        + "<form method=post action=\"" + server.uri("api/") + "\"><input name=host value=10.1.0.10>"
        + "<input name=after value=2024-06-03T09:00:00Z></form>";
    browser.driver.get("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
    browser.waiting().until(driver -> driver.getPageSource().contains("cross-site request refused"));
    assertThat(browser.driver.getPageSource()).contains("another site");
    assertThat(server.jobs.jobs()).as("no job was submitted").hasSize(before);
    browser.consoleErrors(); // the 403 itself is logged by the browser
    browser.screenshots("cross-site-refused");
  }

  @Test
  void aKibanaStyleLinkLandsOnTheJobPage() {
    open("api/uri/host/10.1.0.10/after/2024-06-03T09:00:00Z/before/2024-06-03T09:01:00Z/");
    browser.waiting().until(urlContains("/ui/job.html?id="));
    browser.waiting().until(textToBe(By.id("job-state"), "done"));
    assertThat(id("job-query").getText()).isEqualTo("host 10.1.0.10 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z");
    assertThat(browser.driver.findElements(By.cssSelector("#job-sources tbody tr"))).hasSize(1);
    browser.screenshots("job-from-kibana");
  }

  @Test
  void theSourcesPageShowsEachSourceAndItsHealth() {
    open("ui/sources.html");
    browser.waiting().until(driver -> !driver.findElements(By.cssSelector("#sources tbody tr")).isEmpty());
    WebElement row = browser.driver.findElement(By.cssSelector("#sources tbody tr"));
    assertThat(row.findElement(By.cssSelector("th")).getText()).isEqualTo("store");
    assertThat(row.getText()).contains("healthy");
    browser.screenshots("sources");
  }

  @Test
  void everyControlOnEveryPageHasANameInChromiumsAccessibilityTreeAndTheQueryCanBeSubmittedByKeyboardAlone() throws Exception {
    String done = server.submit("udp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:10Z", "alice");
    server.awaitEnd(done);
    for (String page : List.of("ui/index.html", "ui/jobs.html", "ui/sources.html", "ui/job.html?id=" + done, "ui/job.html?id=none")) {
      open(page);
      Object unlabelled = browser.driver.executeScript(
          "return [...document.querySelectorAll('input, select, textarea, button, progress')]"
              + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
              + ".map(e => e.outerHTML)");
      assertThat((List<?>) unlabelled).as(page).isEmpty();
      if (page.contains(done)) {
        browser.waiting().until(visibilityOfElementLocated(By.cssSelector("#hosts tbody a")));
      }
      assertThat(namelessControls()).as("controls a screen reader could not name on " + page).isEmpty();
    }
    // A missing job is said in words, not swallowed.
    browser.waiting().until(visibilityOfElementLocated(By.id("alert")));
    assertThat(id("alert").getText()).contains("HTTP 404");
    browser.consoleErrors(); // the 404 itself is logged by the browser

    // By keyboard alone: the skip link comes first, then Tab reaches the text box, Enter submits.
    open("ui/index.html");
    new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
    assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Skip to the content");
    for (int tab = 0; tab < 60 && !"query".equals(browser.driver.switchTo().activeElement().getAttribute("id")); tab++) {
      new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
    }
    WebElement text = browser.driver.switchTo().activeElement();
    assertThat(text.getAttribute("id")).isEqualTo("query");
    text.sendKeys(Keys.chord(Keys.CONTROL, "a"), "host 10.1.0.11 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:20Z");
    awaitValid();
    text.sendKeys(Keys.ENTER);
    browser.waiting().until(urlContains("job.html?id="));
    browser.waiting().until(textToBe(By.id("job-state"), "done"));
  }

  @Test
  void withoutCredentialsThePagesAndTheirLibrariesAnswer401UnderAStrictPolicy() throws Exception {
    for (String path : List.of("ui/", "ui/index.html", "ui/js/query.js", "webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "")) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri(path)).GET().build());
      assertThat(refused.statusCode()).as(path).isEqualTo(401);
      assertThat(refused.body()).doesNotContain("<html");
    }
    HttpResponse<String> page = server.get("ui/index.html", "alice");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain(" style=").doesNotContain(" on");
    HttpResponse<String> home = server.get("", "alice");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location")).hasValue(BASE + "ui/");
  }

  /** The interactive nodes of Chromium's own accessibility tree that have no accessible name. */
  @SuppressWarnings("unchecked")
  private List<String> namelessControls() {
    java.util.Set<String> interactive = java.util.Set.of("button", "link", "textbox", "combobox", "checkbox", "radio", "spinbutton",
        "progressbar", "slider", "searchbox", "listbox", "menuitem", "tab");
    Map<String, Object> tree = browser.driver.executeCdpCommand("Accessibility.getFullAXTree", Map.of());
    List<Map<String, Object>> controls = ((List<Map<String, Object>>) tree.get("nodes")).stream()
        .filter(node -> !Boolean.TRUE.equals(node.get("ignored")))
        .filter(node -> node.get("role") instanceof Map<?, ?> role && interactive.contains(String.valueOf(role.get("value"))))
        .toList();
    assertThat(controls).as("the tree's controls (the page's links at least)").isNotEmpty();
    return controls.stream()
        .filter(node -> !(node.get("name") instanceof Map<?, ?> name) || String.valueOf(name.get("value")).isBlank())
        .map(node -> ((Map<String, Object>) node.get("role")).get("value") + " #" + node.get("backendDOMNodeId"))
        .toList();
  }

  private Path awaitDownload() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(browser.downloads)) {
        List<Path> done = files.filter(file -> file.toString().endsWith(".pcap")).toList();
        if (!done.isEmpty()) {
          return done.get(0);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no pcap was downloaded into " + browser.downloads);
  }

  private static int expectedColumn(String query) {
    try {
      new QueryParser(Clock.systemUTC()).parse(query);
    } catch (QueryParseException bad) {
      return bad.column();
    }
    throw new AssertionError(query + " parses");
  }
}

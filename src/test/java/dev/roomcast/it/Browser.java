package dev.roomcast.it;

import dev.roomcast.support.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium page driven over WebDriver: Debian's {@code chromium} and {@code
 * chromedriver} (installed by .ci/run), started explicitly so Selenium Manager never downloads
 * anything, each with a fresh profile that is deleted afterwards.
 */
public final class Browser implements AutoCloseable {

  /** Where screenshots and browser console logs of the browser tests go. */
  private static final Logger LOG = Logger.getLogger(Browser.class.getName());

  public static final Path ARTIFACTS = Path.of("target", "screenshots");

  private static final Path CHROMIUM =
      Path.of(System.getProperty("roomcast.it.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("roomcast.it.chromedriver", "/usr/bin/chromedriver"));

  private final String name;
  private final ChromeDriver driver;
  private final Path profile;
  private final String credential;

  private Browser(String name, ChromeDriver driver, Path profile, String credential) {
    this.name = name;
    this.driver = driver;
    this.profile = profile;
    this.credential = credential;
  }

  /**
   * Starts a browser that signs in to console pages with the test servers' API key (B10); {@code
   * name} labels its screenshots and logs.
   */
  public static Browser start(String name) throws IOException {
    return start(name, TestCredentials.API_KEY);
  }

  /** Starts a browser that never signs in by itself (for tests of the sign-in). */
  public static Browser startWithoutCredentials(String name) throws IOException {
    return start(name, null);
  }

  private static Browser start(String name, String credential) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
    }
    // belt and braces: the explicit driver executable below already keeps Selenium Manager out
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("roomcast-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    try {
      return new Browser(name, new ChromeDriver(service, options), profile, credential);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  /**
   * Opens a page; a console page that asks for a credential is signed in to with this browser's (if
   * it has one), as an operator would.
   */
  public void open(URI page) {
    driver.get(page.toString());
    if (credential == null) {
      return;
    }
    await(
        "sign-in checked",
        Duration.ofSeconds(30),
        () -> !"checking".equals(attribute("body", "data-auth")));
    if ("required".equals(attribute("body", "data-auth"))) {
      signIn(credential);
    }
  }

  /** Types a credential into the console's sign-in form and waits until it is accepted. */
  public void signIn(String text) {
    type("#login-credential", text);
    click("#login-submit");
    awaitAttribute("body", "data-auth", "ok", Duration.ofSeconds(30));
  }

  /** Waits until the page has joined its room and loaded its state (body data-live="true"). */
  public void awaitLive() {
    awaitAttribute("body", "data-live", "true", Duration.ofSeconds(30));
  }

  public void awaitAttribute(String css, String attribute, String value, Duration timeout) {
    String[] seen = {null};
    try {
      await(
          css + " [" + attribute + "=" + value + "]",
          timeout,
          () -> value.equals(seen[0] = attribute(css, attribute)));
    } catch (RuntimeException e) {
      // what the page showed instead tells a slow page from a refused request
      e.addSuppressed(new AssertionError(css + " had " + attribute + "=" + seen[0]));
      throw e;
    }
  }

  /** Waits for {@code condition}, polling every 20 ms; fails naming {@code what}. */
  public void await(String what, Duration timeout, Supplier<Boolean> condition) {
    try {
      new WebDriverWait(driver, timeout, Duration.ofMillis(20))
          .ignoring(NoSuchElementException.class)
          .ignoring(StaleElementReferenceException.class)
          .withMessage(() -> name + ": " + what)
          .until(d -> condition.get());
    } catch (RuntimeException e) {
      try {
        saveLog(name + "-failure");
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw e;
    }
  }

  /** The element's text, or null when there is none. */
  public String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getText();
  }

  public String attribute(String css, String attribute) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getAttribute(attribute);
  }

  public int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  public List<String> attributes(String css, String attribute) {
    return driver.findElements(By.cssSelector(css)).stream()
        .map(e -> e.getAttribute(attribute))
        .collect(Collectors.toList());
  }

  public void click(String css) {
    driver.findElement(By.cssSelector(css)).click();
  }

  public void type(String css, String text) {
    WebElement input = driver.findElement(By.cssSelector(css));
    input.clear();
    input.sendKeys(text);
  }

  /** Runs JavaScript in the page and returns its result. */
  public Object script(String javascript) {
    return ((JavascriptExecutor) driver).executeScript(javascript);
  }

  /** Saves a screenshot as target/screenshots/{file}.png and returns its path. */
  public Path screenshot(String file) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Path target = ARTIFACTS.resolve(file + ".png");
    Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    saveLog(file);
    return target;
  }

  /** Writes the browser console so far to target/screenshots/{file}-console.log. */
  private void saveLog(String file) {
    try {
      Files.createDirectories(ARTIFACTS);
      String lines =
          driver.manage().logs().get(LogType.BROWSER).getAll().stream()
              .map(Browser::line)
              .collect(Collectors.joining("\n"));
      Files.writeString(ARTIFACTS.resolve(file + "-console.log"), lines + "\n");
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("saving the browser log of " + name + " failed", e);
    }
  }

  private static String line(LogEntry entry) {
    return entry.getTimestamp()
        + " "
        + (entry.getLevel() == null ? Level.INFO : entry.getLevel())
        + " "
        + entry.getMessage();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // a profile left in /tmp is harmless; a test must not fail over it
      LOG.log(Level.WARNING, "could not delete the browser profile " + root, e);
    }
  }
}

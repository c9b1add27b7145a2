package dev.inkan.app.interop;

import dev.inkan.vetting.auth.Totp;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian chromium driven through chromium-driver, with what the vetting browser tests share: the staff
 * sign-in with a TOTP code the test computes, the verification mail from the SMTP sink, screenshots for the docs.
 */
final class VettingBrowser implements AutoCloseable {
    /** Where the screenshots go: the docs walk through vetting with them. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "images", "ov-vetting").toAbsolutePath().normalize();
    /** The TOTP secret each sandbox login enrolled, and the last step used (a code works once). */
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    final ChromeDriver driver;
    private final SandboxServer server;

    VettingBrowser(SandboxServer server, Path profileDir) throws Exception {
        this.server = server;
        Files.createDirectories(profileDir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1400", "--lang=ja",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        // the sandbox's TLS root is not in the browser's store; the server certificate is still the sandbox's own
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(20));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement id(String id) {
        return driver.findElement(By.id(id));
    }

    void type(String id, String text) {
        WebElement e = id(id);
        e.clear();
        e.sendKeys(text);
    }

    /**
     * Clicks a button that submits its form and waits for the page it leads to: the old page's element goes stale,
     * and the new document is loaded (a loaded machine answers slowly; the next lookup must not hit the old page).
     */
    void submit(String id) {
        WebElement button = id(id);
        button.click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> gone(button));
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
                "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the element left the document. chromium-driver says so with a stale-element error, or, when the new
     * document is being swapped in at that very moment, with an inspector error that the node is not in it.
     */
    private static boolean gone(WebElement e) {
        try {
            e.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return true;
        } catch (org.openqa.selenium.WebDriverException swapped) {
            if (String.valueOf(swapped.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw swapped;
        }
    }

    void select(String id, String visibleText) {
        new org.openqa.selenium.support.ui.Select(id(id)).selectByVisibleText(visibleText);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Password, then the second factor: enrolment by the secret under the QR code on first sign-in. */
    void staffSignIn(String login, String screenshotEnrolment) throws Exception {
        open(server.consoleUrl() + "/login");
        type("id", login);
        type("password", password(login));
        submit("login");
        if (driver.getCurrentUrl().endsWith("/login/enrol")) {
            SECRETS.put(login, id("totp-secret").getText().trim());
            if (screenshotEnrolment != null) {
                screenshot(screenshotEnrolment);
            }
            type("code", code(login));
            submit("enrol");
        } else {
            type("code", code(login));
            submit("verify");
        }
    }

    void staffSignOut() {
        open(server.consoleUrl() + "/queue");
        if (!driver.findElements(By.id("logout")).isEmpty()) {
            submit("logout");
        }
    }

    /** A code for a step this login has not used yet (RFC 6238 §5.2: a code is accepted once). */
    static String code(String login) throws InterruptedException {
        long last = LAST_STEP.getOrDefault(login, -1L);
        while (Totp.step(Instant.now()) <= last) {
            Thread.sleep(500);
        }
        long step = Totp.step(Instant.now());
        LAST_STEP.put(login, step);
        return Totp.code(SECRETS.get(login), step);
    }

    static String secret(String login) {
        return SECRETS.get(login);
    }

    static void enrolled(String login, String secret, long step) {
        SECRETS.put(login, secret);
        LAST_STEP.put(login, step);
    }

    String password(String login) throws Exception {
        return password(server, login);
    }

    static String password(SandboxServer server, String login) throws Exception {
        for (String line : Files.readAllLines(server.home.resolve("vetting/sandbox-staff.txt"))) {
            String[] p = line.split(" ");
            if (p[0].equals(login)) {
                return p[1];
            }
        }
        throw new IllegalStateException("no sandbox login " + login);
    }

    /** The verification link the portal mailed to this address, from the SMTP sink's spool. */
    static String verificationLink(SandboxServer server, String email) throws Exception {
        Pattern link = Pattern.compile("https://localhost:\\d+/verify\\?token=[A-Za-z0-9_-]+");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> mails;
            try (Stream<Path> s = Files.list(server.home.resolve("mail"))) {
                mails = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            }
            for (int i = mails.size() - 1; i >= 0; i--) {
                Path p = mails.get(i);
                try (InputStream in = Files.newInputStream(p)) {
                    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                    if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(email)) {
                        Matcher found = link.matcher(String.valueOf(m.getContent()));
                        if (found.find()) {
                            return found.group();
                        }
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no verification mail for " + email);
    }

    @Override
    public void close() {
        driver.quit();
    }
}

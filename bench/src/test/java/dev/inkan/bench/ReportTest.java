package dev.inkan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReportTest {
    private static LevelResult level(String target, int clients, int issued, double seconds) {
        return new LevelResult(target, clients, issued, 0, 0, seconds, 120, 480, 900, issued * 10L, issued * 5L,
                issued * 2L, issued * 3L, 40.5, "", List.of(), target.equals("Inkan") ? 5200.4 : -1,
                target.equals("Inkan") ? 4100 : -1);
    }

    private static final List<LevelResult> RUN = List.of(level("Inkan", 1, 50, 10), level("Inkan", 4, 100, 10),
            level("Pebble", 1, 100, 10), level("Pebble", 4, 400, 10));

    @Test
    void tablePrintsInkansThroughputAsAShareOfPebblesAtEachConcurrency() {
        String md = Report.markdown(RUN, "");
        assertTrue(md.contains("1 clients 50 %, 4 clients 25 %"), md);
    }

    @Test
    void tableGivesCpuPerCertificateForServerHsmAndGenerator() {
        String md = Report.markdown(RUN, "");
        assertTrue(md.contains("| Inkan | 4 | 100 | 10.0 | 120 | 480 | 900 | 10.0 | 2.0 (300 sig.) | 5.0 | 40.5 | 5200 | 4100 | 0 |  |"), md);
    }

    @Test
    void tableSaysOcspWasNotMeasuredWhereTheCaNamesNoResponder() {
        String md = Report.markdown(RUN, "");
        assertTrue(md.contains("| Pebble | 4 | 400 | 40.0 | 120 | 480 | 900 | 10.0 | 2.0 (1200 sig.) | 5.0 | 40.5 | n/a | n/a | 0 |  |"), md);
    }

    @Test
    void chartIsAPngWithThroughputAndLatencySideBySide(@TempDir Path dir) throws Exception {
        Report.write(RUN, "", dir);
        BufferedImage png = ImageIO.read(dir.resolve(Report.CHART).toFile());
        assertEquals(1400, png.getWidth());
        assertTrue(Files.readString(dir.resolve(Report.TABLE)).startsWith("| CA |"));
    }
}

package org.haipump.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** What the scenarios measured, printed and appended to {@code target/faults/timings.txt}. */
public final class FaultReport {

    private FaultReport() {
    }

    public static synchronized void line(String scenario, String measurement) {
        String line = "[" + scenario + "] " + measurement;
        System.out.println(line);
        try {
            Files.createDirectories(ServiceProcess.LOG_DIR);
            Files.writeString(ServiceProcess.LOG_DIR.resolve("timings.txt"), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write the fault report: " + e.getMessage());
        }
    }
}

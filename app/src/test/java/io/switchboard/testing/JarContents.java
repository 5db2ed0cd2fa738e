package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * The entries of an executable jar as the class loader sees them: its own classes with the
 * {@code BOOT-INF/classes/} prefix removed, and the entries of every jar nested under {@code BOOT-INF/lib/},
 * each written {@code lib/name.jar!entry}. Used to prove what a jar ships.
 */
public final class JarContents {

    private JarContents() {}

    /** One entry: {@code where} is the nested jar's name, or empty for the jar itself. */
    public record Entry(String where, String path) {

        @Override
        public String toString() {
            return where.isEmpty() ? path : where + "!" + path;
        }
    }

    public static List<Entry> of(Path jar) {
        List<Entry> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                entries.add(new Entry("", name.replaceFirst("^BOOT-INF/classes/", "")));
                if (!entry.isDirectory() && name.endsWith(".jar")) {
                    try (InputStream in = file.getInputStream(entry);
                            JarInputStream nested = new JarInputStream(in)) {
                        for (JarEntry inner = nested.getNextJarEntry();
                                inner != null;
                                inner = nested.getNextJarEntry()) {
                            entries.add(new Entry(name, inner.getName()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
        return entries;
    }

    /** The entries under any of these package paths (e.g. {@code io/switchboard/emulator/}), wherever they sit. */
    public static List<Entry> under(Path jar, String... packagePaths) {
        return of(jar).stream()
                .filter(e -> {
                    for (String p : packagePaths) {
                        if (e.path().startsWith(p)) {
                            return true;
                        }
                    }
                    return false;
                })
                .toList();
    }
}

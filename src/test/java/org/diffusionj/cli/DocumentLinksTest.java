package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents' pictures and links to the project's own files point at files (and headings) that exist: a picture
 * renamed, a folder moved or a section retitled would otherwise show users a broken image or a dead link.
 */
class DocumentLinksTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath();
    /** A Markdown link or picture: {@code [text](target)} or {@code ![text](target)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyLocalLinkOfTheDocumentsExists() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> missing = new ArrayList<>();
        int local = 0;
        for (Path document : documents) {
            Matcher m = LINK.matcher(Files.readString(document, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // web addresses
                }
                local++;
                String path = target.replaceAll("#.*", "");
                Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    missing.add(ROOT.relativize(document) + ": " + target);
                } else if (target.contains("#") && file.toString().endsWith(".md")
                        && !anchors(file).contains(target.substring(target.indexOf('#') + 1))) {
                    missing.add(ROOT.relativize(document) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(local >= 10, "the documents' local links were found: " + local);
        assertEquals(List.of(), missing, "links to files or headings that do not exist");
    }

    /** The anchors of a Markdown file's headings, as GitHub makes them (lower case, punctuation dropped, - for spaces). */
    private static java.util.Set<String> anchors(Path markdown) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            code ^= line.startsWith("```");
            if (!code && line.matches("#{1,6} .*")) {
                out.add(line.replaceFirst("#+ ", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'));
            }
        }
        return out;
    }
}

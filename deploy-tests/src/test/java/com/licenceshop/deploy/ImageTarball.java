package com.licenceshop.deploy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * An image as Jib's {@code jib:buildTar} writes it ({@code docker save} format): manifest.json names the
 * config, whose {@code config} part is what a container runtime runs (user, entrypoint, ports, env). Only the
 * two small JSON entries are read; the layers are skipped. JSON is YAML, so SnakeYAML parses it.
 */
record ImageTarball(Path file, Node manifest, Node config) {

    static Path of(String module) {
        return Repository.ROOT.resolve(module).resolve("target/jib-image.tar");
    }

    static ImageTarball read(Path file) {
        Map<String, String> json = jsonEntries(file);
        Node manifest =
                new Node(new Yaml().load(json.get("manifest.json"))).list().get(0);
        String config = json.get(manifest.at("Config").text());
        if (config == null) {
            throw new AssertionError(
                    file + ": no config " + manifest.at("Config").text());
        }
        return new ImageTarball(file, manifest, new Node(new Yaml().load(config)).at("config"));
    }

    String repoTag() {
        return manifest.at("RepoTags").list().get(0).text();
    }

    /** The top-level *.json entries of a ustar archive (512-byte headers, size in octal, data padded to 512). */
    private static Map<String, String> jsonEntries(Path file) {
        Map<String, String> entries = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                if (name.endsWith(".json") && !name.contains("/") && size < 1 << 20) {
                    byte[] data = in.readNBytes((int) padded);
                    entries.put(name, new String(data, 0, (int) size, StandardCharsets.UTF_8));
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}

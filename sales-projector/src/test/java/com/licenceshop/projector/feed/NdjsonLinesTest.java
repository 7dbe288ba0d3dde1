package com.licenceshop.projector.feed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesTest {

    @Test
    void splitsLinesOnLfAndCrlfAndKeepsALastLineWithoutLineEnd() throws IOException {
        assertThat(linesOf(new ByteArrayInputStream("{\"a\":1}\n{\"b\":\"é\"}\r\n\n{\"c\":3}".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("{\"a\":1}", "{\"b\":\"é\"}", "", "{\"c\":3}");
    }

    @Test
    void joinsALineThatArrivesInManySmallReadsAndOutgrowsTheBuffer() throws IOException {
        String longLine = "x".repeat(200_000);
        byte[] body = ("first\n" + longLine + "\nlast\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7)); // reads end anywhere, also inside "\r\n" or a line
            }
        };
        assertThat(linesOf(trickle)).containsExactly("first", longLine, "last");
    }

    @Test
    void anEmptyBodyHasNoLines() throws IOException {
        assertThat(linesOf(new ByteArrayInputStream(new byte[0]))).isEmpty();
    }

    @Test
    void aLineOfSpacesIsBlank() {
        assertThat(NdjsonLines.isBlank(" \t\r".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(NdjsonLines.isBlank(" {}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private static List<String> linesOf(InputStream body) throws IOException {
        NdjsonLines lines = new NdjsonLines(body);
        List<String> all = new ArrayList<>();
        byte[] line;
        while ((line = lines.next()) != null) {
            all.add(new String(line, StandardCharsets.UTF_8));
        }
        return all;
    }
}

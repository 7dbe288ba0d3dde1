package com.licenceshop.projector.feed;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an NDJSON body as bytes, for the codec that reads bytes. A {@code BufferedReader} decoded every
 * line into a String only for it to be encoded back into bytes for the codec: two conversions per event that a
 * rebuild pays a million times.
 */
final class NdjsonLines {

    private final InputStream body;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean ended;

    NdjsonLines(InputStream body) {
        this.body = body;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), or {@code null} at the end of the body. */
    byte[] next() throws IOException {
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buffer[i] == '\n') {
                    int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    byte[] line = Arrays.copyOfRange(buffer, start, lineEnd);
                    start = i + 1;
                    return line;
                }
            }
            scanFrom = end;
            if (ended) {
                if (start == end) {
                    return null;
                }
                byte[] last = Arrays.copyOfRange(buffer, start, end); // a last line without a line end
                start = end;
                return last;
            }
            if (start > 0) { // keep the unfinished line, drop what was handed out
                System.arraycopy(buffer, start, buffer, 0, end - start);
                scanFrom -= start;
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = body.read(buffer, end, buffer.length - end);
            if (read < 0) {
                ended = true;
            } else {
                end += read;
            }
        }
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}

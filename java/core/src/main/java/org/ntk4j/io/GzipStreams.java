package org.ntk4j.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads gzipped and plain files alike: gzip is recognised by its magic bytes 1f 8b. */
public final class GzipStreams {
  private GzipStreams() {}

  /** {@code raw}, buffered, and inflated when it starts with the gzip magic. */
  public static InputStream maybeInflated(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return gzip ? new GZIPInputStream(in, 1 << 16) : in;
  }
}

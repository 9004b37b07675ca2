package org.ntk4j.kernel.tile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;

/** Identifies a kernel job (architecture and inputs) so a resume of another job is refused. */
public final class JobFingerprint {
  private JobFingerprint() {}

  public static String of(KernelRequest request, String precision) {
    return "arch=" + request.architecture().spec().replace(' ', '_') + " precision=" + precision
        + " x1=" + crc(request.x1())
        + " x2=" + (request.isSymmetric() ? "x1" : crc(request.x2()));
  }

  private static String crc(Matrix m) {
    CRC32 crc = new CRC32();
    ByteBuffer b = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      if (!b.hasRemaining()) {
        b.flip();
        crc.update(b);
        b.clear();
      }
      b.putDouble(d[i]);
    }
    b.flip();
    crc.update(b);
    return m.rows() + "x" + m.cols() + ":" + Long.toHexString(crc.getValue());
  }
}

package org.ntk4j.backend.opencl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.ntk4j.Precision;
import org.ntk4j.kernel.program.CTypes;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileEngine;
import org.ntk4j.kernel.tile.TileValues;

/**
 * Runs the fused {@code ntk_tile} kernel into two slots of device and host buffers: while one
 * slot's tile is read back and stored, the other computes (the in-order queue serializes device
 * work; the host's storing overlaps it).
 */
final class OpenClTileEngine implements TileEngine, AutoCloseable {
  /** Runs before each tile's launch; tests throw from it to simulate device failures. */
  interface LaunchHook {
    LaunchHook NONE = (tile, edge) -> { };

    void beforeLaunch(Tile tile, int edge) throws CLException;
  }

  private final OpenClContext context;
  private final LaunchHook hook;
  private final int edge;
  private final cl_kernel kernel;
  private final Precision precision;
  private final OpenClKernelSource.Blocking blocking;
  private final boolean withNngp;
  private final boolean withNtk;
  private final OpenClBuffer[][] device = new OpenClBuffer[2][2];
  private final ByteBuffer[][] host = new ByteBuffer[2][2];
  private final cl_event[][] reads = new cl_event[2][];
  private final Tile[] slotTile = new Tile[2];

  /**
   * Allocates two slots of edge² outputs per kernel.
   *
   * @throws CLException or OutOfMemoryError when the device or host cannot hold them
   */
  OpenClTileEngine(OpenClContext context, cl_kernel kernel, Precision precision, int edge,
      OpenClKernelSource.Blocking blocking, boolean withNngp, boolean withNtk,
      LaunchHook hook) {
    this.context = context;
    this.hook = hook;
    this.edge = edge;
    this.kernel = kernel;
    this.precision = precision;
    this.blocking = blocking;
    this.withNngp = withNngp;
    this.withNtk = withNtk;
    long bytes = (long) edge * edge * CTypes.bytes(precision);
    try {
      for (int s = 0; s < 2; s++) {
        for (int k = 0; k < 2; k++) {
          device[s][k] = context.buffer(bytes);
          host[s][k] = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        }
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      close();
      throw e;
    }
  }

  @Override
  public void submit(Tile tile, int slot) {
    try {
      hook.beforeLaunch(tile, edge);
      setInt(5, tile.r0());
      setInt(6, tile.c0());
      setInt(7, tile.rows());
      setInt(8, tile.cols());
      CL.clSetKernelArg(kernel, 13, Sizeof.cl_mem, Pointer.to(device[slot][0].mem()));
      CL.clSetKernelArg(kernel, 14, Sizeof.cl_mem, Pointer.to(device[slot][1].mem()));
      long[] global;
      long[] local;
      if (blocking.cpu()) {
        int gx = OpenClKernelSource.Blocking.CPU_GROUP_X;
        int gy = OpenClKernelSource.Blocking.CPU_GROUP_Y;
        global = new long[] {
            (long) ceilDiv(ceilDiv(tile.cols(), blocking.cpuCols()), gx) * gx,
            (long) ceilDiv(ceilDiv(tile.rows(), OpenClKernelSource.Blocking.CPU_ROWS), gy) * gy};
        local = new long[] {gx, gy};
      } else {
        int step = blocking.tileStep();
        int blk = blocking.blk();
        global = new long[] {
            (long) ceilDiv(tile.cols(), step) * blk, (long) ceilDiv(tile.rows(), step) * blk};
        local = new long[] {blk, blk};
      }
      CL.clEnqueueNDRangeKernel(context.queue(), kernel, 2, null, global, local, 0, null, null);
      long bytes = (long) tile.rows() * tile.cols() * CTypes.bytes(precision);
      int n = (withNngp ? 1 : 0) + (withNtk ? 1 : 0);
      reads[slot] = new cl_event[n];
      int e = 0;
      for (int k = 0; k < 2; k++) {
        if (k == 0 ? withNngp : withNtk) {
          reads[slot][e] = new cl_event();
          CL.clEnqueueReadBuffer(context.queue(), device[slot][k].mem(), false, 0, bytes,
              Pointer.to(host[slot][k]), 0, null, reads[slot][e++]);
        }
      }
      CL.clFlush(context.queue());
      slotTile[slot] = tile;
    } catch (CLException e) {
      throw failure(tile, e);
    }
  }

  @Override
  public TileValues[] await(int slot) {
    Tile tile = slotTile[slot];
    try {
      CL.clWaitForEvents(reads[slot].length, reads[slot]);
    } catch (CLException e) {
      throw failure(tile, e);
    } finally {
      for (cl_event ev : reads[slot]) {
        CL.clReleaseEvent(ev);
      }
      reads[slot] = null;
    }
    return new TileValues[] {
      withNngp ? new TileValues(host[slot][0], precision, tile.cols()) : null,
      withNtk ? new TileValues(host[slot][1], precision, tile.cols()) : null};
  }

  private static OpenClException failure(Tile tile, CLException e) {
    return new OpenClException("OpenCL failed on the tile at row " + tile.r0() + ", column "
        + tile.c0() + " (" + CL.stringFor_errorCode(e.getStatus()) + "); with an .npy output,"
        + " --resume continues from the last finished tile", e);
  }

  private void setInt(int index, int value) {
    CL.clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public void close() {
    for (int s = 0; s < 2; s++) {
      if (reads[s] != null) {
        CL.clWaitForEvents(reads[s].length, reads[s]);
        for (cl_event ev : reads[s]) {
          CL.clReleaseEvent(ev);
        }
        reads[s] = null;
      }
      for (int k = 0; k < 2; k++) {
        if (device[s][k] != null) {
          device[s][k].close();
        }
      }
    }
  }
}

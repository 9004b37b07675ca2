package org.ntk4j.backend.cuda;

import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.ntk4j.Precision;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileEngine;
import org.ntk4j.kernel.tile.TileValues;

/**
 * Runs the fused tile kernel into two slots, each with its own stream, device buffers and pinned
 * host buffers: a slot's kernel and its asynchronous copy back are queued on its stream, so one
 * tile computes while the host stores the other (TilePipeline's double buffering).
 */
final class CudaTileEngine implements TileEngine, AutoCloseable {
  /** Outputs per thread block edge (TS in cuda/ntk_tile.cu) and threads per edge (BLK). */
  static final int TILE_STEP = 64;
  private static final int THREADS = 16;

  /** The tile kernel's arguments other than the tile position and the output buffers. */
  record Inputs(DeviceMatrix x1, DeviceMatrix x2, DeviceBuffer q1, DeviceBuffer q2, int d,
      DeviceBuffer code, int codeLength, DeviceBuffer constants, int output) {}

  private final CudaContext context;
  private final CUfunction kernel;
  private final Precision precision;
  private final Inputs in;
  private final boolean withNngp;
  private final boolean withNtk;
  private final CUstream[] streams = new CUstream[2];
  private final DeviceBuffer[][] device = new DeviceBuffer[2][2];
  private final PinnedBuffer[][] host = new PinnedBuffer[2][2];
  private final Tile[] slotTile = new Tile[2];

  /**
   * Allocates two slots of edge² outputs per kernel.
   *
   * @throws CudaOutOfMemoryException when the GPU cannot hold them (the caller shrinks the edge)
   */
  CudaTileEngine(CudaContext context, CUfunction kernel, Precision precision, int edge,
      Inputs in, boolean withNngp, boolean withNtk) {
    this.context = context;
    this.kernel = kernel;
    this.precision = precision;
    this.in = in;
    this.withNngp = withNngp;
    this.withNtk = withNtk;
    long bytes = (long) edge * edge * DeviceMatrix.bytes(precision);
    try {
      for (int s = 0; s < 2; s++) {
        streams[s] = new CUstream();
        CudaCalls.check(JCudaDriver.cuStreamCreate(streams[s], 0), "creating a stream");
        for (int k = 0; k < 2; k++) {
          device[s][k] = new DeviceBuffer(bytes, "a kernel tile");
          host[s][k] = new PinnedBuffer(bytes);
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void submit(Tile tile, int slot) {
    int[] grid = {ceilDiv(tile.cols(), TILE_STEP), ceilDiv(tile.rows(), TILE_STEP), 1};
    try {
      context.launch(kernel, grid, new int[] {THREADS, THREADS, 1}, streams[slot],
          in.x1().buffer.pointer(), in.x2().buffer.pointer(), in.x1().rows, in.x2().rows,
          in.d(), tile.r0(), tile.c0(), tile.rows(), tile.cols(), in.q1().pointer(),
          in.q2().pointer(), real(1.0 / in.d()), in.code().pointer(), in.codeLength(),
          in.constants().pointer(), in.output(), device[slot][0].pointer(),
          device[slot][1].pointer());
      long bytes = (long) tile.rows() * tile.cols() * DeviceMatrix.bytes(precision);
      for (int k = 0; k < 2; k++) {
        if (k == 0 ? withNngp : withNtk) {
          CudaCalls.check(JCudaDriver.cuMemcpyDtoHAsync(host[slot][k].pointer(),
              device[slot][k].pointer(), bytes, streams[slot]), "copying a tile back");
        }
      }
    } catch (CudaException e) {
      throw failure(tile, e);
    }
    slotTile[slot] = tile;
  }

  @Override
  public TileValues[] await(int slot) {
    Tile tile = slotTile[slot];
    try {
      CudaCalls.check(JCudaDriver.cuStreamSynchronize(streams[slot]), "computing a tile");
    } catch (CudaException e) {
      throw failure(tile, e);
    }
    return new TileValues[] {
      withNngp ? new TileValues(host[slot][0].buffer(), precision, tile.cols()) : null,
      withNtk ? new TileValues(host[slot][1].buffer(), precision, tile.cols()) : null};
  }

  private Object real(double v) {
    return precision == Precision.FLOAT64 ? (Object) v : (Object) (float) v;
  }

  private static CudaException failure(Tile tile, CudaException e) {
    return new CudaException("the GPU failed on the tile at row " + tile.r0() + ", column "
        + tile.c0() + ": " + e.getMessage() + "; with an .npy output, --resume continues from"
        + " the last finished tile", e.result());
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public void close() {
    for (int s = 0; s < 2; s++) {
      if (streams[s] != null) {
        JCudaDriver.cuStreamSynchronize(streams[s]);
        JCudaDriver.cuStreamDestroy(streams[s]);
      }
      for (int k = 0; k < 2; k++) {
        if (device[s][k] != null) {
          device[s][k].close();
        }
        if (host[s][k] != null) {
          host[s][k].close();
        }
      }
    }
  }
}

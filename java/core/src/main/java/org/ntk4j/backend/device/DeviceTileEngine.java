package org.ntk4j.backend.device;

import org.ntk4j.Precision;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileEngine;
import org.ntk4j.kernel.tile.TileValues;

/**
 * Runs the tile kernel into two slots, each with its own queue, device buffers and host
 * buffers: a slot's launch and its copies back are queued together, so one tile computes while
 * the host stores the other (TilePipeline's double buffering).
 */
final class DeviceTileEngine implements TileEngine, AutoCloseable {
  /** A tile kernel's launch: the kernel, its grid and arguments for one tile and slot. */
  interface Launcher {
    void launch(DeviceQueue queue, Tile tile, DeviceBuffer nngp, DeviceBuffer ntk);
  }

  private final DeviceRuntime runtime;
  private final Launcher launcher;
  private final Precision precision;
  private final int edge;
  private final boolean withNngp;
  private final boolean withNtk;
  private final TileLaunchHook hook;
  private final DeviceQueue[] queues = new DeviceQueue[2];
  private final DeviceBuffer[][] device = new DeviceBuffer[2][2];
  private final HostBuffer[][] host = new HostBuffer[2][2];
  private final Tile[] slotTile = new Tile[2];

  /**
   * Allocates two slots of edge² outputs per kernel.
   *
   * @throws DeviceOutOfMemoryException or OutOfMemoryError when the device or host cannot hold
   *     them (the caller shrinks the edge)
   */
  DeviceTileEngine(DeviceRuntime runtime, Launcher launcher, Precision precision, int edge,
      boolean withNngp, boolean withNtk, TileLaunchHook hook) {
    this.runtime = runtime;
    this.launcher = launcher;
    this.precision = precision;
    this.edge = edge;
    this.withNngp = withNngp;
    this.withNtk = withNtk;
    this.hook = hook;
    long bytes = (long) edge * edge * precision.bytes();
    try {
      for (int s = 0; s < 2; s++) {
        queues[s] = runtime.newQueue();
        for (int k = 0; k < 2; k++) {
          device[s][k] = runtime.allocate(bytes, "a kernel tile");
          host[s][k] = runtime.allocateHost(bytes);
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
      launcher.launch(queues[slot], tile, device[slot][0], device[slot][1]);
      long bytes = (long) tile.rows() * tile.cols() * precision.bytes();
      for (int k = 0; k < 2; k++) {
        if (k == 0 ? withNngp : withNtk) {
          queues[slot].readAsync(device[slot][k], host[slot][k], bytes);
        }
      }
      queues[slot].flush();
    } catch (DeviceException e) {
      throw failure(tile, e);
    }
    slotTile[slot] = tile;
  }

  @Override
  public TileValues[] await(int slot) {
    Tile tile = slotTile[slot];
    try {
      queues[slot].await();
    } catch (DeviceException e) {
      throw failure(tile, e);
    }
    return new TileValues[] {
      withNngp ? new TileValues(host[slot][0].bytes(), precision, tile.cols()) : null,
      withNtk ? new TileValues(host[slot][1].bytes(), precision, tile.cols()) : null};
  }

  private DeviceException failure(Tile tile, DeviceException e) {
    // Rows and columns from 1; the command line adds how to resume a streamed run.
    return e.within(runtime.deviceName() + " failed on the tile at row " + (tile.r0() + 1)
        + ", column " + (tile.c0() + 1));
  }

  @Override
  public void close() {
    for (int s = 0; s < 2; s++) {
      if (queues[s] != null) {
        queues[s].close();
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

package org.ntk4j.backend.device;

import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;

/**
 * The kernels of opencl/ntk_tile.cl as a backend builds them for one job (architecture and
 * precision), and what it decides about running them: which kernels, their grids, the tile
 * edges it wants, how it lays out the inputs for its tile kernel and how its kernels get the
 * architecture's program. Owns what it made; closed after the job.
 */
public interface TileKernels extends AutoCloseable {
  /** ntk_norms: q[i] = ‖x_i‖²/d. */
  Kernel norms();

  /** ntk_diagonal: each input with itself, and its variance tables. */
  Kernel diagonal();

  /** ntk_tile: one tile of pairs. */
  Kernel tile();

  /** The grid of ntk_diagonal over {@code n} inputs. */
  Grid diagonalGrid(int n);

  /** The grid of ntk_tile over a tile of {@code rows × cols} pairs. */
  Grid tileGrid(int rows, int cols);

  /** Tile edges are multiples of this (where the edge is not capped below it). */
  int tileStep();

  /**
   * Every tile edge must be a multiple of this, the tile kernel's layout of its inputs (1 where
   * any edge works): a tile starting elsewhere reads the wrong rows.
   */
  int tileAlignment();

  /** The largest tile edge to use. */
  int maxTileEdge();

  /** The type of the Gram sums (ACC; the tile and norms kernels' {@code inv_d}). */
  Precision accumulation();

  /**
   * X as the tile kernel reads it: {@code rows}, X as uploaded, or a copy laid out for this
   * backend's kernel (owned by this object).
   */
  DeviceBuffer tileInput(Matrix x, DeviceMatrix rows, String name);

  /**
   * The arguments that follow ntk_diagonal's and ntk_tile's outputs (NTK_PROGRAM_PARAMS): the
   * encoded program where the kernels interpret one, none where it is compiled into them.
   */
  KernelArgs programArguments();

  @Override
  void close();
}

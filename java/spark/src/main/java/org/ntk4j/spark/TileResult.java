package org.ntk4j.spark;

import java.io.Serializable;

/**
 * What a task sends back to the driver: small, the kernel values themselves are in the block
 * file. The diagonals K(x, x) are those of the item's rows (X1's, or X2's for an X2 diagonal)
 * and, for a tile, of its columns' inputs; the NTK's are null when the NTK was not asked for.
 *
 * @param item the work done
 * @param crc CRC-32C of the block file's data (a tile), else 0
 * @param backend the backend that computed it on the executor
 * @param gpu the address of the GPU Spark gave the task (the backend's device index), or -1
 * @param executor the executor's id ("driver" in local mode)
 */
record TileResult(WorkItem item, long crc, double[] rowsNngpDiagonal, double[] rowsNtkDiagonal,
    double[] colsNngpDiagonal, double[] colsNtkDiagonal, String backend, int gpu,
    String executor) implements Serializable {}

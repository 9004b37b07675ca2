package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.linalg.Placement;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/** Block by block, the test-train kernel gives what the whole matrix gives. */
class TestKernelRowsTest {
  @Test
  void blocksOfTestRowsStackToTheWholeKernelsOutputs() {
    Architecture net = Architecture.parse("dense(16, w_std=1.5, b_std=0.1), relu(), dense(1)");
    Matrix train = TestMatrices.gaussian(9, 4, 1);
    Matrix test = TestMatrices.gaussian(7, 4, 2);
    Matrix weights = TestMatrices.gaussian(9, 2, 3);
    try (JavaBackend backend = new JavaBackend(1)) {
      Matrix whole = backend.compute(KernelRequest.of(net, test, train)).ntk();
      Matrix expected = TestMatrices.product(whole, weights);
      List<Integer> blockRows = new ArrayList<>();
      Matrix stacked = new TestKernelRows(backend, net, test, train, KernelKind.NTK,
          MatrixAllocator.of(Precision.FLOAT64, Placement.NATIVE), 3).map(rows -> {
            blockRows.add(rows.rows());
            assertEquals(Placement.NATIVE, rows.placement());
            return TestMatrices.product(rows, weights);
          });
      assertEquals(List.of(3, 3, 1), blockRows);
      assertTrue(stacked.relativeError(expected) < 1e-15, "" + stacked.relativeError(expected));
    }
  }
}

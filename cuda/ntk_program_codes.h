/* Generated from org.ntk4j.backend.cuda.ProgramCode (ProgramCodeTest fails when they differ). */
#ifndef NTK_PROGRAM_CODES_H
#define NTK_PROGRAM_CODES_H
/* Ops: the code, then its operands. */
#define OP_AFFINE 0 /* reg, ntkParameterization, constants at: w2, b2, nIn, bias */
#define OP_ELEMENTWISE 1 /* reg, function, degree, constants at: a, b, c */
#define OP_COPY 2 /* to, from */
#define OP_SUM 3 /* count, regs... */
#define OP_PRODUCT 4 /* count, regs... */
#define OP_WEIGHTED_SUM 5 /* count, regs..., constants at: weights... */
/* Nonlinearities of OP_ELEMENTWISE. */
#define FN_ABRELU 0
#define FN_ERF 1
#define FN_GELU 2
#define FN_SIN 3
#define FN_RBF 4
#define FN_SIGN 5
#define FN_MONOMIAL 6
#define FN_RECTMONOMIAL 7
/* The most register sets the multi-branch kernels hold. */
#define NTK_MAX_SETS 16
#endif

using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class IntegerGemmTests
{
    private static sbyte[] RandomBytes(int count, int seed, int min = -128, int max = 128)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(min, max))];
    }

    // Independent of the code under test: 64-bit sums in the most obvious loop order.
    private static int[] Naive(sbyte[] a, sbyte[] w, int m, int n, int k)
    {
        var c = new int[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                long sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += (long)a[(i * k) + p] * w[(j * k) + p];
                }

                c[(i * n) + j] = checked((int)sum);
            }
        }

        return c;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 4096, 64)]
    [InlineData(2, 4, 16)]
    [InlineData(3, 5, 17)]
    [InlineData(7, 9, 33)]
    [InlineData(64, 37, 300)]
    [InlineData(5, 260, 1000)]
    [InlineData(3, 8, 50)] // the 512-bit or VNNI loop (32), then the 256-bit one (16), then the scalar tail (2)
    [InlineData(4, 8, 95)] // VNNI: two 32-byte steps, then 31 by the scalar tail
    [InlineData(9, 7, 70)] // VNNI's blocks of four rows and two columns, an odd column and a row left over
    public void Multiply_RandomInt8_EqualsNaiveLoop(int m, int n, int k)
    {
        sbyte[] a = RandomBytes(m * k, m + n);
        sbyte[] w = RandomBytes(n * k, k);
        int[] expected = Naive(a, w, m, n, k);
        foreach (IntegerKernel kernel in Kernels)
        {
            foreach (int threads in new[] { 1, 2, -1 })
            {
                var c = new int[m * n];
                IntegerGemm.Multiply(a, w, c, m, n, k, kernel, threads);
                Assert.True(expected.SequenceEqual(c), $"{kernel}, {threads} threads");
            }
        }

        var best = new int[m * n];
        IntegerGemm.Multiply(a, w, best, m, n, k);
        Assert.Equal(expected, best);

        var scalar = new int[m * n];
        IntegerGemm.MultiplyScalar(a, w, scalar, m, n, k);
        Assert.Equal(expected, scalar);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(129)]
    [InlineData(4096)]
    public void UnpackInt4_Vectorized_EqualsNibbleByNibble(int count)
    {
        byte[] packed = [.. RandomBytes((count + 1) / 2, count).Select(b => (byte)b)];
        sbyte[] expected = [.. Enumerable.Range(0, count).Select(i =>
        {
            int nibble = (packed[i / 2] >> (i % 2 == 0 ? 0 : 4)) & 0xF;
            return (sbyte)(nibble >= 8 ? nibble - 16 : nibble);
        })];
        Assert.Equal(expected, IntegerGemm.UnpackInt4(packed, count));
    }

    // Every kernel this CPU runs (VNNI, AVX-512BW, AVX2 and scalar on the machines this project is built on).
    public static IEnumerable<IntegerKernel> Kernels => Enum.GetValues<IntegerKernel>().Where(IntegerGemm.Runs);

    [Fact]
    public void Best_IsTheFastestKernelThisCpuRuns()
    {
        Assert.Equal(Kernels.Max(), IntegerGemm.Best);
        Assert.Contains(IntegerKernel.Scalar, Kernels);
    }

    [Fact]
    public void Multiply_ExtremeCodesAtTheLargestSafeK_AreExact_NoInt16Saturation()
    {
        // −128 · −128 in every lane at the largest K the guard allows: each pair vpmaddwd adds is 32,768, which only
        // an int16 sum would saturate, and each output is K · 16,384 = 2,147,467,264, just inside INT32. VNNI's
        // offset activations (a + 128 = 0 here, 255 for 127) take its own sums far outside INT32 before the offset
        // comes back out: they wrap, and must wrap back to the exact result.
        int k = (int)IntegerGemm.MaxSafeK(128, 128), m = 4, n = 5;
        foreach (IntegerKernel kernel in Kernels.Where(kernel => kernel != IntegerKernel.Scalar))
        {
            sbyte[] a = [.. Enumerable.Repeat((sbyte)-128, m * k)];
            sbyte[] w = [.. Enumerable.Repeat((sbyte)-128, n * k)];
            var c = new int[m * n];
            IntegerGemm.Multiply(a, w, c, m, n, k, kernel);
            Assert.All(c, v => Assert.Equal(k * 16_384L, v));
            w[3] = 127; // one product of the other sign, in the first 512-bit step
            IntegerGemm.Multiply(a, w, c, m, n, k, kernel);
            Assert.Equal((k * 16_384L) - 16_384 - (128 * 127), c[0]);

            // The other extreme: 127 · −128 everywhere, then 127 · 127, the largest offset activations.
            Array.Fill(a, (sbyte)127);
            IntegerGemm.Multiply(a, w, c, m, n, k, kernel);
            Assert.Equal((-128L * 127 * (k - 1)) + (127 * 127), c[0]);
            Assert.Equal(-128L * 127 * k, c[1]);
            Array.Fill(w, (sbyte)127);
            IntegerGemm.Multiply(a, w, c, m, n, k, kernel);
            Assert.All(c, v => Assert.Equal(127L * 127 * k, v));
        }
    }

    [Theory]
    [InlineData(6, 10, 70)]
    [InlineData(1, 10, 70)]      // the streaming GEMV: one 64-code step and a tail
    [InlineData(1, 37, 4096)]
    [InlineData(1, 5, 130)]
    [InlineData(1, 3, 71)]       // odd K: columns start mid-byte, so W is unpacked first
    [InlineData(2, 9, 128)]
    public void Multiply_Int4Weights_EqualsNaiveLoop(int m, int n, int k)
    {
        sbyte[] a = RandomBytes(m * k, 1);
        sbyte[] w = RandomBytes(n * k, 2, -8, 8);
        byte[] packed = BitPacking.Pack([.. w.Select(v => (uint)v & 0xF)], 4);
        var c = new int[m * n];
        IntegerGemm.MultiplyInt4Weights(a, packed, c, m, n, k);
        Assert.Equal(Naive(a, w, m, n, k), c);
    }

    [Fact]
    public void UnpackInt4_SignExtendsLowNibbleFirst()
    {
        Assert.Equal(new sbyte[] { -1, -8, 7 }, IntegerGemm.UnpackInt4([0x8F, 0x07], 3));
    }

    [Theory]
    [InlineData("int8", "int8")]
    [InlineData("int8", "int4")]
    [InlineData("int4", "ternary")]
    public void Multiply_ScaledTensors_EqualsReferenceInt32(string activation, string weight)
    {
        QuantizedTensor a = NumericFormats.Parse(activation).Quantize(SyntheticTensor.Generate(Distribution.OutlierChannels, 9, 200, 3), 9, 200);
        QuantizedTensor w = NumericFormats.Parse(weight).Quantize(SyntheticTensor.Generate(Distribution.Gaussian, 11, 200, 4), 11, 200);
        Assert.Equal(ReferenceGemm.Compute(a, w, Accumulator.Int32).Values, IntegerGemm.Multiply(a, w).Values);
    }

    [Theory]
    [InlineData("int8", "int8", 200)]
    [InlineData("int8", "int4", 4097)]
    [InlineData("int4", "int8", 33)]
    [InlineData("int8", "int8", 131_071)]
    public void AContractsReference_OnTheFastKernels_EqualsTheSlowReference_BitForBit(string activation, string weight, int k)
    {
        QuantizedTensor a = NumericFormats.Parse(activation).Quantize(SyntheticTensor.Generate(Distribution.OutlierChannels, 3, k, 5), 3, k);
        QuantizedTensor w = NumericFormats.Parse(weight).Quantize(SyntheticTensor.Generate(Distribution.Laplace, 5, k, 6), 5, k);
        Assert.True(IntegerGemm.Takes(a, w));
        foreach (Accumulator accumulator in new[] { Accumulator.Int32, Accumulator.Int32Wrapping })
        {
            GemmResult fast = new AccelSim.Hardware.NumericContract(accumulator, 0).Reference(a, w);
            GemmResult slow = ReferenceGemm.Compute(a, w, accumulator);
            Assert.Equal(slow.Values.Select(BitConverter.DoubleToInt64Bits), fast.Values.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal((slow.Accumulator, slow.Overflows), (fast.Accumulator, fast.Overflows));
        }

        // Group-wise weights and a K past the guard stay on the slow reference.
        Assert.False(IntegerGemm.Takes(a, NumericFormats.Parse("int4-g128").Quantize(SyntheticTensor.Generate(Distribution.Laplace, 5, k, 6), 5, k)));
    }

    [Fact]
    public void Multiply_KThatCouldOverflow_IsRefused()
    {
        int k = (int)IntegerGemm.MaxSafeK(128, 128) + 1;
        Assert.Throws<ArgumentException>(() => IntegerGemm.Multiply(new sbyte[k], new sbyte[k], new int[1], 1, 1, k));
    }

    [Fact]
    public void Multiply_GroupWiseTensor_IsRefused()
    {
        QuantizedTensor g = NumericFormats.Parse("int4-g128").Quantize(new double[128], 1, 128);
        Assert.Throws<ArgumentException>(() => IntegerGemm.Multiply(g, g));
    }
}

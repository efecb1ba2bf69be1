# Independent xoshiro256** / SplitMix64 (Vigna's reference C, transcribed), for the values PortableRandomTests pins.
M = (1 << 64) - 1
def splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return x, z ^ (z >> 31)
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
def gen(seed, words=4):
    x = seed & M; out = []
    for _ in range(words):
        x, z = splitmix(x); out.append(z)
    return out
def nxt(s):
    result = (rotl((s[1] * 5) & M, 7) * 9) & M
    t = (s[1] << 17) & M
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
    return result
for seed in (0, 42, -7):
    s = gen(seed)
    print(seed, [hex(nxt(s)) for _ in range(3)])
w = gen(42, 16)
lanes = [w[4*i:4*i+4] for i in range(4)]
print("lanes 42", [[hex(nxt(l)) for l in lanes] for _ in range(2)])

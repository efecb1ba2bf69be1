# Synthetic shard journals for timing `accelsim merge` on a million points without running them: four shard
# directories under ROOT, each with a manifest copied from a real sweep's (its points set to N) and journal lines made
# from the real sweep's first line with varied settings and objectives (tokens_per_s, energy_per_token_uj,
# area_mm2, loosely anticorrelated) and 1 % failed points. Seeded, so the same files every time.
# Usage: python3 tests/AccelSim.Benchmarks/sweep-scale/million-point-journals.py N ROOT RESULTS_JSONL SWEEP_JSON   (a finished sweep's files, e.g. systolic-size's)
# then:  accelsim merge ROOT/shard-1 ROOT/shard-2 ROOT/shard-3 ROOT/shard-4 --out ROOT/merged
import json
import os
import random
import sys

n = int(sys.argv[1])
shards = 4
root = sys.argv[2]
random.seed(1)
manifest = json.load(open(sys.argv[4]))
template = json.loads(open(sys.argv[3]).readline())
files = []
for s in range(1, shards + 1):
    d = os.path.join(root, f'shard-{s}'); os.makedirs(d, exist_ok=True)
    m = dict(manifest); m['points'] = n; m['shard'] = f'{s}/{shards}'
    json.dump(m, open(os.path.join(d, 'sweep.json'), 'w'), indent=2)
    files.append(open(os.path.join(d, 'results.jsonl'), 'w'))
for i in range(n):
    r = dict(template); r['index'] = i
    rows, cols = 8 + i % 997, 8 + (i // 997) % 1003
    r['key'] = f"design=../default.yaml|workload=../../workloads/default.yaml|rows={rows}|cols={cols}|weight_buffer=1 MiB|dataflow=weight-stationary|i={i}"
    r['settings'] = {'rows': str(rows), 'cols': str(cols), 'weight_buffer': '1 MiB', 'dataflow': 'weight-stationary'}
    r['pareto'] = False
    if random.random() < 0.01:
        r['status'] = 'failed'; r['metrics'] = {}; r['error'] = f"arch-configs/default.yaml:24:15: buffers[weights].capacity: too small for {rows}x{cols}"
    else:
        size = random.random(); met = dict(template['metrics'])
        met['tokens_per_s'] = round(size * 100 * (0.5 + random.random()), 9)
        met['energy_per_token_uj'] = round((0.2 + size) * 1e4 * random.random(), 6)
        met['area_mm2'] = round(10 + size * 90 * random.random(), 6)
        r['metrics'] = met; r['status'] = 'ok'; r['error'] = ''
    files[i % shards].write(json.dumps(r, separators=(',', ':'), ensure_ascii=False) + '\n')
for f in files: f.close()

"""Measure the teaching targets of issue 16 on ../shared/data/waste/restaurant (numbers for the README).

    python scripts/bench_teach.py [--draws 20] [--data ../shared/data/waste]

1. Projects: 6 photos per class of plastic_cup, plastic_utensil, plastic_lid; leave-one-out accuracy,
   averaged over random draws.
2. Adapting: 10 photos per material from the restaurant set mapped to materials; accuracy on the rest of
   the set (through the installed ONNX model) and in-domain test accuracy, before and after.
3. Time to teach / adapt from 100 photos (reading, embedding and fitting; the first model load excluded),
   and as in the app, where photos are embedded as they are added (90 of them already embedded).
   The machine is shared: note `uptime` beside the numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.images import read_image  # noqa: E402
from alyesdesk.inference.waste import teach as T  # noqa: E402
from alyesdesk.inference.waste.summary import load_for  # noqa: E402

MATERIAL = {"plastic_cup": "plastic", "plastic_utensil": "plastic", "plastic_lid": "plastic",
            "plastic_cover": "plastic", "straw": "plastic", "sauce_cup": "plastic", "chopsticks": "wood",
            "paper_bowl": "paper", "paper_bowl_small": "paper", "paper_bowl_square": "paper",
            "tissue_paper": "paper", "chopstick_covers": "paper", "brown_box": "cardboard", "foil": "metal",
            "food": "organic_waste"}  # sauce_packets: no single material, left out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "waste")
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    rest_root = args.data / "restaurant"
    t0 = time.perf_counter()
    classifier, info = catalog.open_for_task("classify", REPO / "models" / "waste_classifier.onnx")
    classifier.verify()
    print(f"model load {time.perf_counter() - t0:.2f} s (not counted below)")
    embed = T.Embedder(classifier)
    files = sorted(rest_root.glob("*/*.jpg"))
    names = np.array([p.parent.name for p in files])
    images = [read_image(p) for p in files]
    x, logits = embed(images)
    out: dict = {}

    classes = ["plastic_cup", "plastic_utensil", "plastic_lid"]
    rng = np.random.default_rng(0)
    accs = []
    for _ in range(args.draws):
        idx = [i for c in classes for i in rng.choice(np.flatnonzero(names == c), 6, replace=False)]
        y = np.array([classes.index(names[i]) for i in idx])
        accs.append(T.fit_ncm(x[idx], y, classes)[1].accuracy)
    out["six_shot_loo_mean"], out["six_shot_loo_min"] = float(np.mean(accs)), float(np.min(accs))
    idx = np.flatnonzero(np.isin(names, classes))
    out["all_photos_loo"] = T.fit_ncm(x[idx], np.array([classes.index(n) for n in names[idx]]), classes)[1].accuracy
    print(f"6 photos/class, {args.draws} draws: leave-one-out {out['six_shot_loo_mean']:.3f} "
          f"(min {out['six_shot_loo_min']:.3f}); all {len(idx)} photos: {out['all_photos_loo']:.3f}")

    summary = load_for(info)
    labels = list(info.spec.labels)
    mapped = np.array([n in MATERIAL for n in names])
    target = np.array([labels.index(MATERIAL[n]) if n in MATERIAL else -1 for n in names])
    results = []
    for seed in range(3):
        rng = np.random.default_rng(seed)
        pick = np.concatenate([rng.choice(np.flatnonzero(mapped & (target == c)),
                                          min(10, int((mapped & (target == c)).sum())), replace=False)
                               for c in np.unique(target[mapped])])
        rest = np.setdiff1d(np.flatnonzero(mapped), pick)
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = T.teach(classifier, info, "bench_adapted", [(labels[target[i]], images[i]) for i in pick],
                             kind="extend", summary=summary, folder=Path(tmp))
            seconds = time.perf_counter() - start
            adapted = catalog.load_model(result.onnx_path)  # the installed model itself, end to end
            preds = np.array([labels.index(adapted.predict(images[i]).label) for i in rest])
        before = float((logits[rest].argmax(axis=1) == target[rest]).mean())
        after = float((preds == target[rest]).mean())
        r = result.report
        results.append({"photos": len(pick), "rest": len(rest), "rest_before": before, "rest_after": after,
                        "test_before": r["test_accuracy_before"], "test_after": r["test_accuracy_after"],
                        "seconds": round(seconds, 2), "lambda": r["lambda"]})
        print(f"adapt seed {seed}: {len(pick)} photos -> rest of the set {before:.3f} -> {after:.3f} "
              f"(+{100 * (after - before):.1f} points); in-domain test {r['test_accuracy_before']:.4f} -> "
              f"{r['test_accuracy_after']:.4f}; {seconds:.2f} s")
    out["adapt"] = results

    # 100 photos: a 4-class project, and adapting with 100 mapped photos
    rng = np.random.default_rng(1)
    four = ["plastic_cup", "plastic_lid", "paper_bowl", "tissue_paper"]
    pick = pick_project = [i for c in four for i in rng.choice(np.flatnonzero(names == c), 25, replace=False)]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        T.teach(classifier, info, "bench_project", [(names[i], read_image(files[i])) for i in pick], folder=Path(tmp))
        out["teach_100_seconds"] = round(time.perf_counter() - start, 2)
        pick = rng.choice(np.flatnonzero(mapped), 100, replace=False)
        start = time.perf_counter()
        T.teach(classifier, info, "bench_adapt", [(labels[target[i]], read_image(files[i])) for i in pick],
                kind="extend", summary=summary, folder=Path(tmp))
        out["adapt_100_seconds"] = round(time.perf_counter() - start, 2)
    print(f"100 photos (read + embed + fit + write): teach {out['teach_100_seconds']} s, adapt {out['adapt_100_seconds']} s")

    # As in the app: photos are embedded when they are added or kept (projects.warm_embeddings), so pressing
    # Teach / Adapt embeds only what is new (here 10 of the 100), then fits and writes the model.
    import hashlib

    from alyesdesk.inference.catalog import file_sha256
    from alyesdesk.inference.waste.projects import embed_cached

    model_sha = file_sha256(info.onnx_path)
    for kind, chosen, labels_of in (("teach", pick_project, lambda i: names[i]),
                                    ("adapt", pick, lambda i: labels[target[i]])):
        photos = [(hashlib.sha256(images[i].tobytes()).hexdigest() + kind, images[i]) for i in chosen]
        embed_cached(classifier, model_sha, photos[:90])  # added earlier
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            vectors = embed_cached(classifier, model_sha, photos)
            T.teach(classifier, info, f"bench_{kind}_warm", [(labels_of(i), None) for i in chosen],
                    kind="extend" if kind == "adapt" else "custom", summary=summary if kind == "adapt" else None,
                    embeddings=vectors, folder=Path(tmp))
            out[f"{kind}_100_warm_seconds"] = round(time.perf_counter() - start, 2)
    print(f"100 photos, 90 embedded when added (embed 10 + fit + write): teach {out['teach_100_warm_seconds']} s, "
          f"adapt {out['adapt_100_warm_seconds']} s")
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

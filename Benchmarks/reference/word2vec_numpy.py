# Reference: one epoch of skip-gram with negative sampling in numpy, written as
# the course reference (course-ref/word2vec.py) does it: dimension 10, window 2,
# 5 noise words from unigram^0.75, mini-batches of 64 pairs, lr 0.05, on 2000
# sentences generated from the templates of Soma's farm corpus (notebook 26).
# Prints the seconds for the epoch (pairs and vocabulary are built before the clock starts).
import time, numpy as np

CATS = {'animal': ['cat', 'dog', 'horse', 'cow', 'sheep', 'goat'],
        'food': ['apple', 'bread', 'cheese', 'rice', 'soup', 'cake'],
        'place': ['house', 'garden', 'city', 'farm', 'park', 'school'],
        'male': ['man', 'boy', 'king'], 'female': ['woman', 'girl', 'queen']}
SLOTS = dict(CATS, person=CATS['male'] + CATS['female'], royal=['king', 'queen'], child=['boy', 'girl'],
             adult=['man', 'woman'])
TEMPLATES = ['the {animal} eats the {food}', 'the {person} feeds the {animal}', 'the {person} cooks the {food}',
             'the {animal} sleeps in the {place}', 'the {person} walks to the {place}', 'the {food} is in the {place}',
             'the {male} said that he was tired', 'the {female} said that she was tired',
             'the {royal} rules the land', 'the {child} plays in the park', 'the {adult} works in the city']

rng = np.random.default_rng(0)
sents = []
for _ in range(2000):
    words = []
    for w in TEMPLATES[rng.integers(len(TEMPLATES))].split():
        if w.startswith('{'):
            pool = SLOTS[w[1:-1]]; words.append(pool[rng.integers(len(pool))])
        else:
            words.append(w)
    sents.append(words)

dim, window, neg, lr0, B = 10, 2, 5, 0.05, 64
vocab = sorted({w for s in sents for w in s}); ix = {w: i for i, w in enumerate(vocab)}; V = len(vocab)
counts = np.zeros(V)
for s in sents:
    for w in s: counts[ix[w]] += 1
noise = counts ** 0.75; noise /= noise.sum()
pairs = np.array([(ix[s[i]], ix[s[j]]) for s in sents for i in range(len(s))
                  for j in range(max(0, i - window), min(len(s), i + window + 1)) if j != i])
Win = (rng.random((V, dim)) - 0.5) / dim; Wout = np.zeros((V, dim))
sig = lambda z: 1 / (1 + np.exp(-z))
steps = int(np.ceil(len(pairs) / B)); k = 0; L = 0
t0 = time.perf_counter()
perm = rng.permutation(len(pairs))
for a in range(0, len(pairs), B):
    lr = lr0 * max(1 - k / steps, 1e-4); k += 1
    p = pairs[perm[a:a + B]]; c, o = p[:, 0], p[:, 1]; n = rng.choice(V, size=(len(p), neg), p=noise)
    vc = Win[c]; uo = Wout[o]; un = Wout[n]
    so = sig((vc * uo).sum(1)); sn = sig(np.einsum('bd,bkd->bk', vc, un))
    L += -(np.log(so + 1e-12).sum() + np.log(1 - sn + 1e-12).sum())
    go = (so - 1)[:, None]; gn = sn[:, :, None]
    gvc = go * uo + (gn * un).sum(1)
    np.add.at(Wout, o, -lr * go * vc); np.add.at(Wout, n.reshape(-1), -lr * (gn * vc[:, None, :]).reshape(-1, dim))
    np.add.at(Win, c, -lr * gvc)
dt = time.perf_counter() - t0
print(f"word2vec_epoch_s {dt:.3f} loss {L / len(pairs):.3f} pairs {len(pairs)}")

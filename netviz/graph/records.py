"""Records (JSON-ready dicts, documented in ``docs/compare-json.md``) and text tables of an analysis."""

from __future__ import annotations

from collections.abc import Iterable

from netviz.graph.signed import (
    Analysis,
    Balance,
    BalanceChange,
    BlocMove,
    Tie,
    Triangle,
)
from netviz.model import relation_record
from netviz.table import format_table

ANALYSIS_SCHEMA = "netviz.graph.analysis/1"


# --- records and tables ------------------------------------------------------------------


def _num(x: float | None) -> float | None:
    """Numbers in records: 6 decimals, so float noise never shows as a change."""
    return None if x is None else round(float(x), 6)


def tie_record(tie: Tie, *, max_evidence: int | None = None) -> dict:
    """The record of a tie: ``source``, ``target``, ``sign``, ``weight``, ``evidence`` (relation records).

    >>> tie_record(Tie("TUR", "YPG", -1, 9.0))
    {'source': 'TUR', 'target': 'YPG', 'sign': -1, 'weight': 9.0, 'evidence_count': 0, 'evidence': []}
    """
    shown = tie.evidence if max_evidence is None else tie.evidence[:max_evidence]
    return {
        "source": tie.a,
        "target": tie.b,
        "sign": tie.sign,
        "weight": _num(tie.weight),
        "evidence_count": len(tie.evidence),
        "evidence": [relation_record(r) for r in shown],
    }


def contradiction_record(triangle: Triangle, *, max_evidence: int | None = None) -> dict:
    """The record of an unbalanced triangle: its actors, signs, pattern, weight and ties.

    >>> t = Triangle(("TUR", "USA", "YPG"), (Tie("TUR", "USA", 1, 8.0), Tie("TUR", "YPG", -1, 9.0), Tie("USA", "YPG", 1, 6.0)), 7.56)
    >>> r = contradiction_record(t)
    >>> r["actors"], r["signs"], r["pattern"], r["odd"]
    (['TUR', 'USA', 'YPG'], [1, -1, 1], '++-', [['TUR', 'YPG']])
    """
    return {
        "actors": list(triangle.actors),
        "signs": list(triangle.signs),
        "pattern": triangle.pattern,
        "weight": _num(triangle.weight),
        "odd": [[t.a, t.b] for t in triangle.odd],
        "ties": [tie_record(t, max_evidence=max_evidence) for t in triangle.ties],
    }


def balance_record(balance: Balance) -> dict:
    """The summary record of a :class:`Balance` (without the contradictions).

    >>> import networkx as nx
    >>> from netviz.graph.balance import structural_balance
    >>> G = nx.Graph()
    >>> G.add_edge("USA", "ISIS", weight=5.0, sign=-1)
    >>> G.add_edge("SYR", "ISIS", weight=5.0, sign=-1)
    >>> G.add_edge("USA", "SYR", weight=5.0, sign=-1)
    >>> rec = balance_record(structural_balance(G))
    >>> rec["triangles"], rec["unbalanced"], rec["all_negative"], rec["share"], rec["weak_share"]
    (1, 1, 1, 0.0, 1.0)
    """
    return {
        "triangles": balance.triangles,
        "balanced": balance.balanced,
        "unbalanced": balance.unbalanced,
        "all_negative": balance.all_negative,
        "ambiguous": balance.ambiguous,
        "share": _num(balance.share),
        "weighted_share": _num(balance.weighted_share),
        "weak_share": _num(balance.weak_share),
    }


def bloc_move_record(move: BlocMove) -> dict:
    """The record of a :class:`BlocMove`.

    >>> bloc_move_record(BlocMove("TUR", 0, 1, ("USA",), ("RUS",)))
    {'actor': 'TUR', 'bloc_before': 0, 'bloc_after': 1, 'left': ['USA'], 'joined': ['RUS']}
    """
    return {
        "actor": move.actor,
        "bloc_before": move.bloc_before,
        "bloc_after": move.bloc_after,
        "left": list(move.left),
        "joined": list(move.joined),
    }


def balance_change_record(change: BalanceChange, *, max_evidence: int | None = None) -> dict:
    """The record of a :class:`BalanceChange`; ``max_evidence`` caps each tie's relation records.

    >>> import networkx as nx
    >>> from netviz.graph.analysis import balance_change, structural_balance
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> H = G.copy()
    >>> H.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> rec = balance_change_record(balance_change(structural_balance(G), structural_balance(H)))
    >>> rec["share_change"], [c["actors"] for c in rec["new_contradictions"]]
    (None, [['TUR', 'USA', 'YPG']])
    """
    return {
        "before": balance_record(change.before),
        "after": balance_record(change.after),
        "share_change": _num(change.share_change),
        "weighted_share_change": _num(change.weighted_share_change),
        "new_contradictions": [contradiction_record(t, max_evidence=max_evidence) for t in change.new],
        "resolved_contradictions": [contradiction_record(t, max_evidence=max_evidence) for t in change.resolved],
    }


def analysis_record(analysis: Analysis, *, max_evidence: int | None = None) -> dict:
    """The JSON record of an analysis (schema ``netviz.graph.analysis/1``, see ``docs/compare-json.md``).

    Parameters
    ----------
    analysis : from :func:`analyze_snapshot`.
    max_evidence : at most this many relation records per tie (``None``: all).

    Examples
    --------
    >>> import networkx as nx, json
    >>> from netviz.graph.analysis import analyze_snapshot
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> rec = analysis_record(analyze_snapshot(G))
    >>> sorted(rec)
    ['balance', 'betweenness_sources', 'blocs', 'brokers', 'contradictions', 'date', 'schema']
    >>> rec["contradictions"][0]["actors"], rec["contradictions"][0]["signs"]
    (['TUR', 'USA', 'YPG'], [1, -1, 1])
    >>> _ = json.dumps(rec)
    """
    p = analysis.blocs
    return {
        "schema": ANALYSIS_SCHEMA,
        "date": analysis.date.isoformat() if analysis.date else None,
        "balance": balance_record(analysis.balance),
        "blocs": {
            "method": p.method,
            "frustration": _num(p.frustration),
            "relative_frustration": _num(p.relative_frustration),
            "blocs": [{"bloc": i, "name": analysis.bloc_names[i] if analysis.bloc_names else None, "members": list(m)}
                      for i, m in enumerate(p.blocs)],
            "frustrated": [tie_record(t, max_evidence=max_evidence) for t in p.frustrated],
        },
        "contradictions": [contradiction_record(t, max_evidence=max_evidence) for t in analysis.contradictions],
        "brokers": [
            {
                "actor": b.actor,
                "bloc": b.bloc,
                "betweenness": _num(b.betweenness),
                "cross_weight": _num(b.cross_weight),
                "partners": [{"actor": v, "weight": _num(w)} for v, w in b.partners],
            }
            for b in analysis.brokers
        ],
        "betweenness_sources": analysis.betweenness_sources,
    }


SIGN_MARK = {1: "+", -1: "-", 0: "~"}


def describe_triangle(triangle: Triangle) -> str:
    """One line: the odd ties against the others, ``TUR-YPG - against TUR-USA +, USA-YPG +``.

    >>> t = Triangle(("TUR", "USA", "YPG"), (Tie("TUR", "USA", 1, 8.0), Tie("TUR", "YPG", -1, 9.0), Tie("USA", "YPG", 1, 6.0)), 7.56)
    >>> describe_triangle(t)
    'TUR-YPG - against TUR-USA +, USA-YPG +'
    >>> t = Triangle(("A", "B", "C"), (Tie("A", "B", -1, 1.0), Tie("A", "C", -1, 1.0), Tie("B", "C", -1, 1.0)), 1.0)
    >>> describe_triangle(t)
    'A-B -, A-C -, B-C - (three mutual adversaries)'
    """
    def show(ts: Iterable[Tie]) -> str:
        return ", ".join(f"{t.a}-{t.b} {SIGN_MARK[t.sign]}" for t in ts)

    if triangle.pattern == "++-":
        odd = triangle.odd
        return f"{show(odd)} against {show(t for t in triangle.ties if t not in odd)}"
    return f"{show(triangle.ties)} (three mutual adversaries)"


def format_analysis_table(analysis: Analysis, *, limit: int | None = 10) -> str:
    """Plain text for the terminal: balance, blocs, contradictions and brokers (``limit`` rows each).

    >>> import networkx as nx
    >>> from netviz.graph.analysis import analyze_snapshot
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> print(format_analysis_table(analyze_snapshot(G)))  # doctest: +NORMALIZE_WHITESPACE
    Balance: 0 of 1 signed triangles balanced (0.0%; weighted 0.0%)
    <BLANKLINE>
    Blocs (camps: the fewest blocs past which frustration stops falling): frustration 6.00 (26.1% of signed tie weight), 1 tie against the blocs
    bloc  size  name       members
    ----  ----  ---------  --------
       0     2  TUR, USA   TUR, USA
       -     1  unaligned  YPG
    <BLANKLINE>
    Contradictions (1, strongest first)
    weight  triangle
    ------  --------------------------------------
      7.56  TUR-YPG - against TUR-USA +, USA-YPG +
    <BLANKLINE>
    Brokers
    actor  bloc  betweenness  cross-bloc cooperation
    -----  ----  -----------  ----------------------
    USA       0         1.00  YPG (6.0)
    YPG       1         0.00  USA (6.0)
    """
    def cut(items: tuple) -> tuple:
        return items if limit is None else items[:limit]

    def more(items: tuple) -> list[str]:
        return [f"... and {len(items) - limit} more"] if limit is not None and len(items) > limit else []

    b = analysis.balance
    lines = []
    if b.triangles:
        lines.append(
            f"Balance: {b.balanced} of {b.triangles} signed triangles balanced "
            f"({b.share:.1%}; weighted {b.weighted_share:.1%})"
            + (f"; {b.all_negative} of the unbalanced are three mutual adversaries" if b.all_negative else "")
        )
    else:
        lines.append("Balance: no triangle of signed ties")
    if b.ambiguous:
        lines.append(f"{b.ambiguous} triangles with a mixed tie left out")
    p = analysis.blocs
    proof = ("camps: the fewest blocs past which frustration stops falling" if p.method == "camps"
             else "exact search: optimal" if p.optimal else "heuristic search: not proven optimal")
    n_frustrated = len(p.frustrated)
    # actors alone are one "unaligned" row, as the maps and exports show them, not blocs of one
    aligned = tuple((i, m) for i, m in enumerate(p.blocs) if _bloc_name(analysis, i) != "unaligned")
    alone = tuple(sorted(a for i, m in enumerate(p.blocs) if _bloc_name(analysis, i) == "unaligned" for a in m))
    lines += [
        "",
        f"Blocs ({proof}): frustration {p.frustration:.2f} "
        f"({p.relative_frustration:.1%} of signed tie weight), {n_frustrated} tie{'s' * (n_frustrated != 1)} against the blocs",
        format_table(["bloc", "size", "name", "members"],
                     [[i, len(m), _bloc_name(analysis, i), _members(m)] for i, m in cut(aligned)]
                     + ([["-", len(alone), "unaligned", _members(alone)]] if alone else [])),
        *more(aligned),
    ]
    if analysis.contradictions:
        lines += [
            "",
            f"Contradictions ({len(analysis.contradictions)}, strongest first)",
            format_table(["weight", "triangle"], [[t.weight, describe_triangle(t)] for t in cut(analysis.contradictions)]),
            *more(analysis.contradictions),
        ]
    if analysis.brokers:
        sampled = f" (betweenness estimated from {analysis.betweenness_sources} sources)" if analysis.betweenness_sources else ""
        lines += [
            "",
            f"Brokers{sampled}",
            format_table(
                ["actor", "bloc", "betweenness", "cross-bloc cooperation"],
                [
                    [k.actor, k.bloc, k.betweenness, _members(tuple(f"{v} ({w:.1f})" for v, w in k.partners))]
                    for k in cut(analysis.brokers)
                ],
            ),
            *more(analysis.brokers),
        ]
    return "\n".join(lines)


def _bloc_name(analysis: Analysis, i: int) -> str:
    name = analysis.bloc_names[i] if i < len(analysis.bloc_names) else None
    return name or ("unaligned" if len(analysis.blocs.blocs[i]) == 1 else "")


def _members(names: tuple[str, ...], shown: int = 12) -> str:
    text = ", ".join(names[:shown])
    return text + (f", ... (+{len(names) - shown})" if len(names) > shown else "")


# The bloc search (netviz.graph.blocsearch) and steady numbering and names across dates

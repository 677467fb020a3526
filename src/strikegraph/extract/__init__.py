"""Rules that read an article into strikes and attributed claims.

The rules work sentence by sentence on a *template* of the sentence in which every entity mention
(gazetteer names, unnamed sources, new named actors) is replaced by a token ⟨i⟩. Patterns are then
short regular expressions over words and tokens ("⟨3⟩ said … ⟨5⟩ was behind the attack"), which keeps
them readable and independent of any one outlet's wording. A document context carries what
sentences refer back to: the strike in focus, the last source, the last acting subject.

Design rule: a claim never becomes a fact. Every attribution keeps its claimant and stance; hedges
("appear to have been", "believed") make it *suggested*; denials and refusals name the actor
without affirming it; "it was not clear who" is an attribution to nobody.
"""

from __future__ import annotations

import hashlib

from ..corpus import Article
from ..lexicon import SOURCE_KINDS, Lexicon, fold
from ..records import Extraction
from .attributions import _attributions
from .context import EXTRACTOR_VERSION, _Context, _Sentence, _unique
from .figures import _figures
from .mentions import _mentions, _template
from .relations import _relations
from .speech import _SUBJECT, _sources
from .strikes import _event_refs
from .text import read_text

__all__ = ["EXTRACTOR_VERSION", "claim_key", "extract"]

# Entry point
# =================================================================================================

def extract(article: Article, lex: Lexicon) -> Extraction:
    """Read one article into events and claims. Pure function of the text, metadata and lexicon."""
    ext = Extraction(file_name=article.file_name)
    ctx = _Context(article, lex, ext)
    text = article.text
    folded = fold(text)
    layer = read_text(article)
    all_mentions = _mentions(text, folded, lex, article, ext)
    sentences = [_template(i, s.start, s.end, text, [m for m in all_mentions if s.start <= m.start and m.end <= s.end])
                 for i, s in enumerate(layer.sentences)]
    for sent in sentences:
        # “… carried out by four perpetrators. We arrested one of them,” reads a statement from the unit:
        # the speaker named after a quotation speaks every sentence of it.
        quote = layer.quote_around(sent.start, sent.end)
        closing = layer.sentence_at(quote.end - 1) if quote else None
        if closing is not None and closing > sent.index:
            sent.quote_closes_in = sentences[closing]
    for sent in sentences:
        _read_sentence(ctx, sent)
    _dedupe(ext)
    return ext


# =================================================================================================
# Mentions and templates
# =================================================================================================
# =================================================================================================
# Sentence reading
# =================================================================================================

def _read_sentence(ctx: _Context, sent: _Sentence) -> None:
    tpl = sent.tpl
    sources = _sources(ctx, sent)
    refs = _event_refs(ctx, sent, sources)
    if refs:
        ctx.last_group = refs
        ctx.last_group_sentence = sent.index
    _attributions(ctx, sent, sources, refs)
    _figures(ctx, sent, sources, refs)
    _relations(ctx, sent, sources)
    # Context for the next sentences.
    if sources:
        ctx.last_source = sources[-1][1]
    subj = _SUBJECT.match(tpl)
    if subj:
        ent = sent.ents[int(subj.group(1)[1:-1])]
        if not ent.is_place and ent.kind not in SOURCE_KINDS:
            ctx.last_subject = str(ent.iri)
    places = [e for e in sent.ents if e.is_place]
    if places:
        ctx.last_places = places


def _dedupe(ext: Extraction) -> None:
    """One claim per (event, actor, source, stance), per figure and source, per relation, source and
    sentence; stable order; only claims about strikes that were kept."""
    used = {e.local for e in ext.events}
    ext.attributions = _unique([a for a in ext.attributions if a.event in used],
                               lambda a: (a.event, a.actor, a.source, a.stance))
    ext.figures = _unique([f for f in ext.figures if f.event in used],
                          lambda f: (f.event, f.source, f.quantity, f.low, f.high))
    ext.relations = _unique(ext.relations, lambda r: (r.subject, r.kind, r.object, r.source, r.span))


def claim_key(*parts: object) -> str:
    """Stable short hash for claim IRIs."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]

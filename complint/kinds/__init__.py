"""Rule kinds: a rule is data (YAML), a kind is the code that runs it. One small class each."""
from .composition import CompositionKind
from .entity import EntityKind
from .hits import PatternKind, PhraseKind, RegexKind
from .limit import LimitKind
from .relation import RelationKind

KINDS = {k.name: k for k in (PhraseKind, PatternKind, RegexKind, RelationKind, EntityKind, LimitKind, CompositionKind)}

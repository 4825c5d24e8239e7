"""SQLAlchemy 2 typed models of one office database, declared on first use.

Declaring the ~50 mapped classes costs about 0.2 s, as much as the rest of start-up; the first screen does
not need them (its reads are plain SQL, `sakip_desktop.storage.sql`). So importing this package declares
nothing: the first `from sakip_desktop.storage.models import Person` (or `models.Person`) imports every module
below at once, which registers every table on `Base.metadata` and lets relationships resolve between them.
Import the classes from this package, never from its modules, so that all of them are declared together.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the type checker sees the classes; at run time __getattr__ declares them on first use
    from .agreement import (  # noqa: F401 (exported through __all__)
        AgreementBudget,
        AgreementTarget,
        PerformanceAgreement,
        QualitativeLevel,
        QualitativeScale,
    )
    from .audit import (  # noqa: F401 (exported through __all__)
        AuditEntry,
        MetaValue,
        Setting,
    )
    from .base import (  # noqa: F401 (exported through __all__)
        Base,
    )
    from .budget import (  # noqa: F401 (exported through __all__)
        Activity,
        Budget,
        BudgetSpending,
        Program,
        SubActivity,
    )
    from .desa import (  # noqa: F401 (exported through __all__)  -- desa helper (issue 15 §3)
        Desa,
        DesaRealisation,
    )
    from .documents import (  # noqa: F401 (exported through __all__)
        DocumentRecord,
        LkjSection,
        OutgoingLetter,
    )
    from .e81 import (  # noqa: F401 (exported through __all__)
        E81Note,
    )
    from .lhe import (  # noqa: F401 (exported through __all__)  (issue 16 §3, helper lhe)
        Lhe,
        LheRecommendation,
    )
    from .lke import (  # noqa: F401 (exported through __all__)  (issue 16 §1-2, helper lke)
        LkeAnswer,
        LkeAssessment,
        LkeComponent,
        LkeCriterion,
        LkeEvidence,
        LkePredikat,
        LkeScale,
        LkeTemplate,
    )
    from .monitoring import (  # noqa: F401 (exported through __all__)
        EvaluationMeeting,
        FollowUp,
        FollowUpEvidence,
        MeetingDiscussion,
        MeetingParticipant,
        MonitoringReview,
        Recommendation,
    )
    from .org import (  # noqa: F401 (exported through __all__)
        Account,
        ActingAssignment,
        Office,
        Person,
        RoleAssignment,
        RoleChange,
        Unit,
    )
    from .pack import (  # noqa: F401 (exported through __all__)
        PackFile,
        PackItem,
        PackItemType,
    )
    from .planning import (  # noqa: F401 (exported through __all__)
        Goal,
        Indicator,
        Objective,
        QuarterlyTarget,
        Realisation,
        RealisationEvidence,
        RealisationRevision,
        RenstraTarget,
        StrategicPlan,
        VerificationCheck,
        YearlyTarget,
    )
    from .sop import (  # noqa: F401 (exported through __all__)
        OfficeDayOff,
        Sop,
        SopPause,
        SopRun,
        SopStepCheck,
        SopStepRun,
        SopVersion,
    )

# Each class and the module that declares it.
_MODULE_OF = {
    "AgreementBudget": "agreement",
    "AgreementTarget": "agreement",
    "PerformanceAgreement": "agreement",
    "QualitativeLevel": "agreement",
    "QualitativeScale": "agreement",
    "AuditEntry": "audit",
    "MetaValue": "audit",
    "Setting": "audit",
    "Base": "base",
    "Activity": "budget",
    "Budget": "budget",
    "BudgetSpending": "budget",
    "Program": "budget",
    "SubActivity": "budget",
    "Desa": "desa",  # desa helper (issue 15 §3)
    "DesaRealisation": "desa",
    "DocumentRecord": "documents",
    "LkjSection": "documents",
    "OutgoingLetter": "documents",
    "E81Note": "e81",
    "Lhe": "lhe",  # issue 16 §3 (helper lhe)
    "LheRecommendation": "lhe",
    "LkeAnswer": "lke",  # issue 16 §1-2 (helper lke)
    "LkeAssessment": "lke",
    "LkeComponent": "lke",
    "LkeCriterion": "lke",
    "LkeEvidence": "lke",
    "LkePredikat": "lke",
    "LkeScale": "lke",
    "LkeTemplate": "lke",
    "EvaluationMeeting": "monitoring",
    "FollowUp": "monitoring",
    "FollowUpEvidence": "monitoring",
    "MeetingDiscussion": "monitoring",
    "MeetingParticipant": "monitoring",
    "MonitoringReview": "monitoring",
    "Recommendation": "monitoring",
    "Account": "org",
    "ActingAssignment": "org",
    "Office": "org",
    "Person": "org",
    "RoleAssignment": "org",
    "RoleChange": "org",
    "Unit": "org",
    "PackFile": "pack",
    "PackItem": "pack",
    "PackItemType": "pack",
    "Goal": "planning",
    "Indicator": "planning",
    "Objective": "planning",
    "QuarterlyTarget": "planning",
    "Realisation": "planning",
    "RealisationEvidence": "planning",
    "RealisationRevision": "planning",
    "RenstraTarget": "planning",
    "StrategicPlan": "planning",
    "VerificationCheck": "planning",
    "YearlyTarget": "planning",
    "OfficeDayOff": "sop",
    "Sop": "sop",
    "SopPause": "sop",
    "SopRun": "sop",
    "SopStepCheck": "sop",
    "SopStepRun": "sop",
    "SopVersion": "sop",
}

__all__ = sorted(_MODULE_OF)  # provided by __getattr__


def is_loaded() -> bool:
    """True once the classes have been declared."""
    return "Base" in globals()


def load() -> None:
    """Declare every mapped class and configure the mappers now (once; later calls do nothing)."""
    if is_loaded():
        return
    modules = {name: importlib.import_module(f"{__name__}.{name}") for name in sorted(set(_MODULE_OF.values()))}
    namespace = globals()
    for cls, module in _MODULE_OF.items():
        namespace.setdefault(cls, getattr(modules[module], cls))
    # Relationships resolved now rather than inside the first query that uses a class.
    namespace["Base"].registry.configure()


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        load()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])

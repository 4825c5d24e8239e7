"""SQLAlchemy 2 typed models of one office database.

Importing this package registers every table on `Base.metadata`.
"""

from sakip_desktop.storage.models.agreement import (
    AgreementBudget,
    AgreementTarget,
    PerformanceAgreement,
    QualitativeLevel,
    QualitativeScale,
)
from sakip_desktop.storage.models.audit import AuditEntry, MetaValue, Setting
from sakip_desktop.storage.models.base import Base
from sakip_desktop.storage.models.budget import Activity, Budget, BudgetSpending, Program, SubActivity
from sakip_desktop.storage.models.documents import DocumentRecord, LkjSection, OutgoingLetter
from sakip_desktop.storage.models.monitoring import (
    EvaluationMeeting,
    FollowUp,
    FollowUpEvidence,
    MeetingDiscussion,
    MeetingParticipant,
    MonitoringReview,
    Recommendation,
)
from sakip_desktop.storage.models.org import (
    Account,
    ActingAssignment,
    Office,
    Person,
    RoleAssignment,
    Unit,
)
from sakip_desktop.storage.models.planning import (
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
from sakip_desktop.storage.models.sop import OfficeDayOff, Sop, SopPause, SopRun, SopStepCheck, SopStepRun, SopVersion

__all__ = [
    "Account",
    "ActingAssignment",
    "Activity",
    "AgreementBudget",
    "AgreementTarget",
    "AuditEntry",
    "Base",
    "Budget",
    "BudgetSpending",
    "DocumentRecord",
    "EvaluationMeeting",
    "FollowUp",
    "FollowUpEvidence",
    "Goal",
    "Indicator",
    "LkjSection",
    "MeetingDiscussion",
    "MeetingParticipant",
    "MetaValue",
    "MonitoringReview",
    "Objective",
    "Office",
    "OfficeDayOff",
    "OutgoingLetter",
    "PerformanceAgreement",
    "Person",
    "Program",
    "QualitativeLevel",
    "QualitativeScale",
    "QuarterlyTarget",
    "Realisation",
    "RealisationEvidence",
    "RealisationRevision",
    "Recommendation",
    "RenstraTarget",
    "RoleAssignment",
    "Setting",
    "Sop",
    "SopPause",
    "SopRun",
    "SopStepCheck",
    "SopStepRun",
    "SopVersion",
    "StrategicPlan",
    "SubActivity",
    "Unit",
    "VerificationCheck",
    "YearlyTarget",
]

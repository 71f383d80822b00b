"""ACLED's controlled vocabularies, kept in one place so schemas, prompts and scorers agree.

Source: ACLED Codebook (event types, sub-event types, actor types / inter codes,
geo- and time-precision codes).
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """ACLED's six event types."""

    BATTLES = "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's 25 sub-event types."""

    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE_IED = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
    OTHER = "Other"


_S = SubEventType
SUB_EVENT_TYPES: dict[EventType, tuple[SubEventType, ...]] = {
    EventType.BATTLES: (
        _S.ARMED_CLASH,
        _S.GOVERNMENT_REGAINS_TERRITORY,
        _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
    ),
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: (
        _S.CHEMICAL_WEAPON,
        _S.AIR_DRONE_STRIKE,
        _S.SUICIDE_BOMB,
        _S.SHELLING_ARTILLERY_MISSILE,
        _S.REMOTE_EXPLOSIVE_IED,
        _S.GRENADE,
    ),
    EventType.VIOLENCE_AGAINST_CIVILIANS: (_S.SEXUAL_VIOLENCE, _S.ATTACK, _S.ABDUCTION),
    EventType.PROTESTS: (
        _S.PEACEFUL_PROTEST,
        _S.PROTEST_WITH_INTERVENTION,
        _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS,
    ),
    EventType.RIOTS: (_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE),
    EventType.STRATEGIC_DEVELOPMENTS: (
        _S.AGREEMENT,
        _S.ARRESTS,
        _S.CHANGE_TO_GROUP_ACTIVITY,
        _S.DISRUPTED_WEAPONS_USE,
        _S.HEADQUARTERS_OR_BASE_ESTABLISHED,
        _S.LOOTING_PROPERTY_DESTRUCTION,
        _S.NON_VIOLENT_TRANSFER_OF_TERRITORY,
        _S.OTHER,
    ),
}

PARENT_EVENT_TYPE: dict[SubEventType, EventType] = {
    sub: parent for parent, subs in SUB_EVENT_TYPES.items() for sub in subs
}


class ActorType(StrEnum):
    """ACLED actor types; the value's order follows ACLED's inter codes 1-8."""

    STATE_FORCES = "State forces"
    REBEL_GROUP = "Rebel group"
    POLITICAL_MILITIA = "Political militia"
    IDENTITY_MILITIA = "Identity militia"
    RIOTERS = "Rioters"
    PROTESTERS = "Protesters"
    CIVILIANS = "Civilians"
    EXTERNAL_OTHER_FORCES = "External/Other forces"

    @property
    def inter_code(self) -> int:
        """ACLED's numeric inter code (1-8)."""
        return list(ActorType).index(self) + 1

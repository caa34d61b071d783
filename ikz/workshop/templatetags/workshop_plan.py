"""The plan, checklist and e-mail panel on a Werkstatt's page (`{% workshop_plan_panel workshop me %}`)."""

from django import template

register = template.Library()


@register.inclusion_tag("workshop/includes/plan_panel.html")
def workshop_plan_panel(workshop, me):
    from ..digest import mode_of
    from ..models_plan import MilestoneStatus, NotifyMode, Plan, WorkshopChecklistRun

    plan = Plan.objects.filter(workshop=workshop).first()
    upcoming, done, total = [], 0, 0
    if plan is not None:
        milestones = list(plan.milestones.select_related("owner"))
        total = len(milestones)
        done = sum(1 for m in milestones if m.status in (MilestoneStatus.DONE, MilestoneStatus.DROPPED))
        upcoming = [m for m in milestones if m.status in (MilestoneStatus.OPEN, MilestoneStatus.IN_PROGRESS)][
            :3
        ]
    runs = WorkshopChecklistRun.objects.filter(workshop=workshop).select_related("run").order_by("started_at")
    return {
        "workshop": workshop,
        "plan": plan,
        "upcoming": upcoming,
        "done": done,
        "total": total,
        "runs": list(runs),
        "mode_label": NotifyMode(mode_of(me)).label,
    }

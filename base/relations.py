"""Several many-to-many relations of one object in one query, not one query each.

A detail page shows many lists of vocabulary terms (a procedure's levels, applicant types,
life situations and three lists of agencies): with `.all()` on each relation that is one
query per list. `related_objects()` reads every relation's ids in one `UNION ALL` query, then
the objects: from the shared cache for small vocabularies (`shared_vocabulary`, rebuilt when
a vocabulary changes, see `base.purging`), in one query per other target model.

Each list keeps the target model's default ordering, as `.all()` gives it.
"""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet, Value

from base.cache import shared


def shared_vocabulary(model) -> list:
    """Every row of a small vocabulary (a few dozen terms), in its default order."""
    return shared(f"vocabulary:{model._meta.label}", lambda: list(model.objects.all()))


def related_objects(instance, names: list[str], cached: tuple = ()) -> dict[str, list]:
    """{name: objects} for the many-to-many fields `names` of a saved `instance`.

    Target models in `cached` are read with `shared_vocabulary`. An instance whose relations
    are held in memory (a preview of an unsaved revision, with django-modelcluster) is read
    relation by relation, as the editor left it.
    """
    managers = {name: getattr(instance, name) for name in names}
    if instance.pk is None or not all(
        isinstance(manager.all(), QuerySet) for manager in managers.values()
    ):
        return {name: list(manager.all()) for name, manager in managers.items()}

    id_queries = []
    for position, name in enumerate(names):
        field = instance._meta.get_field(name)
        through = field.remote_field.through
        id_queries.append(
            through.objects.filter(**{field.m2m_column_name(): instance.pk})
            .values_list(Value(position, output_field=IntegerField()), field.m2m_reverse_name())
            .order_by()
        )
    ids: dict[int, set] = {position: set() for position in range(len(names))}
    for position, target_id in id_queries[0].union(*id_queries[1:], all=True):
        ids[position].add(target_id)

    targets = {name: instance._meta.get_field(name).related_model for name in names}
    objects_by_model: dict[type, list] = {}
    for model in dict.fromkeys(targets.values()):
        if model in cached:
            objects_by_model[model] = shared_vocabulary(model)
            continue
        wanted = set().union(*(ids[p] for p, name in enumerate(names) if targets[name] is model))
        objects_by_model[model] = list(model.objects.filter(pk__in=wanted)) if wanted else []
    return {
        name: [obj for obj in objects_by_model[targets[name]] if obj.pk in ids[position]]
        for position, name in enumerate(names)
    }

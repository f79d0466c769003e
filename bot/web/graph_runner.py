"""Rasa's prediction graph, run node by node in this thread without dask's scheduler.

Every turn runs the trained graph twice or more (NLU once, the policies once per predicted action). Rasa 3.6
hands each run to ``dask.get`` — a generic scheduler that orders, batches and caches tasks — after cutting
the schema down to the targets' ancestors again. For a graph of about twenty nodes that bookkeeping cost
about 6 % of a saturated process. :class:`SequentialGraphRunner` keeps Rasa's nodes, inputs and results
(each node still receives its parents' ``(name, output)`` pairs and returns its own) and only replaces the
scheduling: a depth-first walk from the targets, every node run once per call, and the cut-down schema
remembered per set of targets.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class SequentialGraphRunner(DaskGraphRunner):
    """A ``DaskGraphRunner`` whose :meth:`run` walks the graph itself (same nodes, same results)."""

    _schemas: dict[tuple[str, ...], Any]

    def run(self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict[str, Any]:
        run_targets = list(targets) if targets else list(self._graph_schema.target_names)
        schemas = getattr(self, "_schemas", None)
        if schemas is None:  # the runner's class was switched in place: no __init__ of ours ran
            schemas = self._schemas = {}
        key = tuple(run_targets)
        if key not in schemas:
            schemas[key] = self._graph_schema.minimal_graph_schema(run_targets)
        graph = self._build_dask_graph(schemas[key])
        if inputs:
            self._add_inputs_to_graph(inputs, graph)
        results: dict[str, Any] = {}
        try:
            return dict(_value(graph, target, results) for target in run_targets)
        except RuntimeError as exc:  # as DaskGraphRunner: a node's failure is a GraphRunError
            raise GraphRunError("Error running runner.") from exc


def _value(graph: dict[str, Any], key: str, results: dict[str, Any]) -> Any:
    """The output of node (or input) ``key``, computing its parents first; each computed once."""
    if key in results:
        return results[key]
    if key not in graph:  # dask passes a name that is no key on as a plain value
        return key
    task = graph[key]
    if callable(task[0]):  # a node: (GraphNode, *names of the nodes and inputs it needs)
        value = task[0](*(_value(graph, parent, results) for parent in task[1:]))
    else:  # an input: (name, value), passed on as it is
        value = task
    results[key] = value
    return value


def run_without_dask(runner: Any) -> None:
    """Switch the agent's loaded ``DaskGraphRunner`` to :class:`SequentialGraphRunner` in place (its
    components stay loaded); any other runner is left alone."""
    if type(runner) is DaskGraphRunner:
        runner.__class__ = SequentialGraphRunner

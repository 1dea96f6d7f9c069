"""The recorder: a super user clicks through a flow in the web client; a feature file of documented phrases comes out."""

from __future__ import annotations

"""Dashboards and campaign reports (AMEC), with exports."""

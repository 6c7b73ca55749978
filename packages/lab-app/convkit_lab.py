"""Serves the convkit JupyterLab front end with Debian's jupyter_server + jupyterlab_server.

  CONVKIT_LABEXTENSIONS=DIR[:DIR...] /usr/bin/python3 packages/lab-app/convkit_lab.py [jupyter_server options]

The front end (packages/lab-app/static, built by build.js) loads prebuilt extensions from the
labextensions directories given, as a pip-installed JupyterLab does from
share/jupyter/labextensions.
"""
import os
import sys

from jupyterlab_server import LabServerApp
from traitlets import List, Unicode

HERE = os.path.dirname(os.path.abspath(__file__))
STATIC = os.path.join(HERE, "static")

# Configuration files on disk must not change this app.
os.environ["JUPYTER_NO_CONFIG"] = "1"


class ConvkitLab(LabServerApp):
    name = __name__
    app_name = "convkit — JupyterLab"
    app_url = "/lab"
    default_url = Unicode("/lab")
    load_other_extensions = False
    app_version = "4.6.4"
    static_dir = STATIC
    schemas_dir = os.path.join(STATIC, "schemas")
    themes_dir = os.path.join(STATIC, "themes")
    templates_dir = os.path.join(HERE, "templates")
    app_settings_dir = os.path.join(STATIC, "settings")
    # User settings and workspaces: CONVKIT_LAB_STATE (default: the current directory's .jupyter-lab-state).
    user_settings_dir = Unicode(os.path.join(os.environ.get("CONVKIT_LAB_STATE", ".jupyter-lab-state"), "user-settings")).tag(config=True)
    workspaces_dir = Unicode(os.path.join(os.environ.get("CONVKIT_LAB_STATE", ".jupyter-lab-state"), "workspaces")).tag(config=True)
    labextensions_path = List(
        Unicode(), default_value=[os.path.abspath(p) for p in os.environ.get("CONVKIT_LABEXTENSIONS", "").split(os.pathsep) if p]
    ).tag(config=True)


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": ConvkitLab}]


if __name__ == "__main__":
    ConvkitLab.launch_instance(argv=sys.argv[1:])

"""Which packages the wheel holds (everything else is in pyproject.toml).

The repository keeps the shipped files in the top-level `resources/` folder (SOP templates, demo office, fonts,
icons, help pages). The wheel carries them inside the package as `sakip_desktop/resources/`, so an installed
program finds them beside its code (`sakip_desktop.paths.resources_dir`); a checkout and an editable install
find the top-level folder itself.
"""

from setuptools import find_namespace_packages, find_packages, setup

# Every folder of resources/ is named as a package of data, so setuptools ships it without warning.
RESOURCES = ["sakip_desktop.resources", *(f"sakip_desktop.resources.{p}" for p in find_namespace_packages("resources"))]

setup(
    packages=[*find_packages(include=["sakip_desktop*", "ui*"]), *RESOURCES],
    package_dir={"sakip_desktop.resources": "resources"},
    package_data={"sakip_desktop": ["storage/migrations/*.sql"], **{p: ["*"] for p in RESOURCES}},
    include_package_data=True,
)

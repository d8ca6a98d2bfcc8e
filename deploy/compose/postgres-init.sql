-- One database per app process, owned by the app role; the apps run their migrations at start.
CREATE DATABASE syn_province;
CREATE DATABASE syn_city_360700;
CREATE DATABASE syn_city_360100;
CREATE DATABASE syn_city_360400;
CREATE DATABASE syn_counties;

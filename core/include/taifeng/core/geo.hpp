#pragma once
// Great-circle geometry on a spherical Earth (radius earth_radius_m).
namespace taifeng {

struct LonLat {
  double lon = 0.0, lat = 0.0;  // degrees
};

double great_circle_km(LonLat a, LonLat b);
// Longitude in [0, 360).
double lon360(double lon);
// Initial bearing a -> b, degrees clockwise from north in [0, 360).
double bearing_deg(LonLat a, LonLat b);
// Point reached from p going distance_km along initial bearing bearing_deg.
LonLat destination(LonLat p, double bearing_deg, double distance_km);

}  // namespace taifeng
